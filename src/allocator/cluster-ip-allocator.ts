/**
 * The ClusterIP allocator (upstream's ipallocator.Range): one pool per service CIDR. The network
 * address, and for IPv4 the broadcast address, are never part of the pool, so they can never be
 * handed out nor released.
 */
import {
  allocated,
  allocatorError,
  IP_ALLOCATED_MESSAGE,
  ipNotInRangeMessage,
  RANGE_FULL_MESSAGE,
  refused,
  type AllocateResult,
  type AllocatorError,
} from './allocator-errors.ts';
import { CLUSTER_IP_BAND, staticBandSize } from './band.ts';
import {
  cidrContains,
  cidrSize,
  FAMILY_BITS,
  formatCIDR,
  formatIP,
  invalidCIDRMessage,
  parseCIDR,
  parseIP,
  type CIDR,
  type IPAddress,
  type IPFamily,
} from '../net/index.ts';
import type { RandomSource } from './random.ts';
import { RangeAllocator, type RangeSnapshot } from './range-allocator.ts';

/** Upstream caps an IPv6 pool at this many addresses, since the bitmap is kept whole. */
const IPV6_POOL_CAP = 65536;
/** kube-apiserver refuses service CIDRs with more host bits than this. */
const MAX_SERVICE_CIDR_HOST_BITS = 20;

/** Message of `restore` when the snapshot is of another CIDR (upstream's `ErrMismatchedNetwork`). */
export const NETWORK_MISMATCH_MESSAGE = 'the provided network does not match the current range';

/**
 * A ClusterIP as the allocator reads it: sloppily, as kube-apiserver does; `::ffff:a.b.c.d` stays IPv6, so an
 * IPv4 pool never holds it.
 */
export function parseServiceIP(text: string): IPAddress | undefined {
  return parseIP(text, { sloppy: true });
}

/** A service CIDR, read sloppily; throws Go's `invalid CIDR address: X` for text that is not one. */
function parseServiceCIDR(text: string): CIDR {
  const cidr = parseCIDR(text, { sloppy: true });
  if (cidr === undefined) throw new Error(invalidCIDRMessage(text));
  return cidr;
}

/** Hands out ClusterIPs from one CIDR: random picks above the static band, user picks anywhere. */
export class ClusterIPAllocator {
  /** The service CIDR. */
  readonly cidr: CIDR;
  /** The CIDR's family. */
  readonly family: IPFamily;
  /** The CIDR as text, e.g. `10.96.0.0/12` (also the range of snapshots). */
  readonly cidrText: string;
  /** Address of offset 0: the one after the network address. */
  private readonly base: bigint;
  private readonly offsets: RangeAllocator;

  /**
   * An empty pool over `cidr`; throws `invalid CIDR address: X` for text that is not a CIDR.
   * @example new ClusterIPAllocator('10.96.0.0/12').allocate('10.96.0.10') // undefined: reserved
   */
  constructor(cidr: string | CIDR, options: { readonly random?: RandomSource } = {}) {
    const parsed = typeof cidr === 'string' ? parseServiceCIDR(cidr) : cidr;
    this.cidr = parsed;
    this.family = parsed.family;
    this.cidrText = formatCIDR(parsed);
    this.base = parsed.network + 1n;
    const total = cidrSize(parsed);
    const usable = parsed.family === 'IPv6' ? Math.min(Number(total), IPV6_POOL_CAP) - 1 : Number(total) - 2;
    this.offsets = new RangeAllocator(Math.max(0, usable), this.cidrText, {
      staticBandSize: staticBandSize(Number(total), CLUSTER_IP_BAND),
      ...(options.random ? { random: options.random } : {}),
    });
  }

  /** The addresses after the network address that dynamic allocation leaves for users while it can. */
  get staticBandSize(): number {
    return this.offsets.staticBandSize;
  }

  /** How many addresses the pool holds. */
  get size(): number {
    return this.offsets.size;
  }

  /** Reserves an address a user asked for; the error says why not. */
  allocate(ip: string | IPAddress): AllocatorError | undefined {
    const address = typeof ip === 'string' ? parseServiceIP(ip) : ip;
    const offset = address === undefined ? undefined : this.offsetOf(address);
    if (offset === undefined) {
      const shown = typeof ip === 'string' ? ip : formatIP(ip);
      return allocatorError('NotInRange', ipNotInRangeMessage(shown, this.cidrText));
    }
    return this.offsets.allocate(offset) ? undefined : allocatorError('AlreadyAllocated', IP_ALLOCATED_MESSAGE);
  }

  /** Reserves any free address, preferring the dynamic band. */
  allocateNext(): AllocateResult<string> {
    const offset = this.offsets.allocateNext();
    return offset === undefined ? refused('RangeFull', RANGE_FULL_MESSAGE) : allocated(this.addressOf(offset));
  }

  /** Frees an address; false (a no-op) for a free address or one outside the pool. */
  release(ip: string | IPAddress): boolean {
    const offset = this.offsetFor(ip);
    return offset !== undefined && this.offsets.release(offset);
  }

  /** Whether the address is taken (false outside the pool). */
  has(ip: string | IPAddress): boolean {
    const offset = this.offsetFor(ip);
    return offset !== undefined && this.offsets.has(offset);
  }

  /** Whether the address belongs to the pool (network and IPv4 broadcast addresses do not). */
  contains(ip: string | IPAddress): boolean {
    return this.offsetFor(ip) !== undefined;
  }

  /** The first pool address (`10.96.0.1` for `10.96.0.0/12`), reserved for `default/kubernetes`; none for a /31 or /32. */
  firstAddress(): string | undefined {
    return this.size > 0 ? this.addressOf(0) : undefined;
  }

  /** How many addresses are free. */
  free(): number {
    return this.offsets.free();
  }

  /** How many addresses are taken. */
  used(): number {
    return this.offsets.used();
  }

  /** Every taken address, ascending. */
  values(): string[] {
    const addresses: string[] = [];
    this.offsets.forEach((offset) => addresses.push(this.addressOf(offset)));
    return addresses;
  }

  /** The state, in upstream's RangeAllocation layout (`range` is the CIDR). */
  snapshot(): RangeSnapshot {
    return this.offsets.snapshot();
  }

  /** Replaces the state with a snapshot; throws when it belongs to another CIDR. */
  restore(snapshot: RangeSnapshot): void {
    if (snapshot.range !== this.cidrText) throw new Error(NETWORK_MISMATCH_MESSAGE);
    this.offsets.restore(snapshot);
  }

  private offsetFor(ip: string | IPAddress): number | undefined {
    const address = typeof ip === 'string' ? parseServiceIP(ip) : ip;
    return address === undefined ? undefined : this.offsetOf(address);
  }

  private offsetOf(address: IPAddress): number | undefined {
    if (!cidrContains(this.cidr, address)) return undefined;
    const offset = address.value - this.base;
    return offset >= 0n && offset < BigInt(this.offsets.size) ? Number(offset) : undefined;
  }

  private addressOf(offset: number): string {
    return formatIP({ family: this.family, value: this.base + BigInt(offset) });
  }
}

/**
 * The first usable address of a service CIDR, the ClusterIP of `default/kubernetes`.
 * @example kubernetesServiceIP('10.96.0.0/12') // '10.96.0.1'
 */
export function kubernetesServiceIP(cidr: string): string | undefined {
  const parsed = parseCIDR(cidr, { sloppy: true });
  if (parsed === undefined || cidrSize(parsed) < 2n) return undefined;
  return formatIP({ family: parsed.family, value: parsed.network + 1n });
}

/**
 * kube-apiserver's size check on `--service-cluster-ip-range` (at most 20 host bits):
 * `specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12`.
 */
export function serviceCIDRSizeError(cidr: CIDR, flag = '--service-cluster-ip-range'): string | undefined {
  const bits = FAMILY_BITS[cidr.family];
  if (bits - cidr.prefix <= MAX_SERVICE_CIDR_HOST_BITS) return undefined;
  return `specified ${flag} is too large; for ${bits}-bit addresses, the mask must be >= ${bits - MAX_SERVICE_CIDR_HOST_BITS}`;
}
