/**
 * The static/dynamic split of an allocation range (KEP-3070 for ClusterIPs, KEP-3668 for nodePorts).
 * The lowest `staticBandSize` offsets are left to users who pick values by hand; dynamic allocation
 * draws from above them and only falls back to them once the upper band is full.
 */

/** The three numbers of upstream's `min(max(min, size/step), max)`. */
export interface BandPolicy {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/** nodePorts: `min(max(16, size/32), 128)`, which is 86 for 30000-32767. */
export const NODE_PORT_BAND: BandPolicy = { min: 16, max: 128, step: 32 };

/** ClusterIPs: `min(max(16, cidrSize/16), 256)`, which is 256 for a /12. */
export const CLUSTER_IP_BAND: BandPolicy = { min: 16, max: 256, step: 16 };

/**
 * The size of the static (lower) band. `rangeSize` is the port count, or the whole CIDR's address count
 * (network and broadcast included, as upstream counts it). Ranges of `min` or fewer get no static band.
 * @example staticBandSize(2768, NODE_PORT_BAND) // 86
 */
export function staticBandSize(rangeSize: number, policy: BandPolicy): number {
  if (rangeSize <= policy.min) return 0;
  const stepped = Math.floor(rangeSize / policy.step);
  return Math.min(Math.max(policy.min, stepped), policy.max);
}
