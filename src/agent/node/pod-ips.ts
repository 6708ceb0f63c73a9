/** Pod IPs from the node's IPv4 pod CIDR: the first address is the bridge (gateway), the last is broadcast. */

/** A pod CIDR the agent cannot use. */
export class PodCIDRError extends Error {
  override readonly name = 'PodCIDRError';
}

interface V4Net {
  readonly base: number;
  readonly prefix: number;
}

function parseV4(cidr: string): V4Net {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  const octets = match?.slice(1, 5).map(Number) ?? [];
  const prefix = Number(match?.[5]);
  if (octets.length !== 4 || octets.some((o) => o > 255) || !(prefix >= 8 && prefix <= 30)) {
    throw new PodCIDRError(`pod CIDR "${cidr}" is not an IPv4 network between /8 and /30`);
  }
  const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const size = 2 ** (32 - prefix);
  return { base: address - (address % size), prefix };
}

function formatV4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** The prefix length of `cidr`. */
export function cidrPrefix(cidr: string): number {
  return parseV4(cidr).prefix;
}

/** The first usable address of `cidr`, which the node's bridge carries. */
export function cidrGateway(cidr: string): string {
  return formatV4(parseV4(cidr).base + 1);
}

/** Hands out addresses of one pod CIDR to pods (by uid), lowest free first. */
export class PodIPAllocator {
  private readonly net: V4Net;
  private readonly byPod = new Map<string, number>();
  private readonly used = new Set<number>();

  /** `cidr` is the node's `spec.podCIDR`. */
  constructor(readonly cidr: string) {
    this.net = parseV4(cidr);
  }

  /** The pod's address: the one it already has, or the lowest free one; throws when the range is full. */
  allocate(podUid: string): string {
    const existing = this.byPod.get(podUid);
    if (existing !== undefined) return formatV4(existing);
    const last = this.net.base + 2 ** (32 - this.net.prefix) - 2;
    for (let candidate = this.net.base + 2; candidate <= last; candidate++) {
      if (this.used.has(candidate)) continue;
      this.used.add(candidate);
      this.byPod.set(podUid, candidate);
      return formatV4(candidate);
    }
    throw new PodCIDRError(`pod CIDR ${this.cidr} has no free address`);
  }

  /** Frees the pod's address. */
  release(podUid: string): void {
    const value = this.byPod.get(podUid);
    if (value === undefined) return;
    this.byPod.delete(podUid);
    this.used.delete(value);
  }
}
