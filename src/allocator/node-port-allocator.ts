/**
 * The nodePort allocator (upstream's portallocator): one pool per cluster, shared by every
 * Service's nodePorts and healthCheckNodePorts.
 */
import {
  allocated,
  allocatorError,
  PORT_ALLOCATED_MESSAGE,
  portNotInRangeMessage,
  RANGE_FULL_MESSAGE,
  refused,
  type AllocateResult,
  type AllocatorError,
} from './allocator-errors.ts';
import { NODE_PORT_BAND, staticBandSize } from './band.ts';
import { DEFAULT_NODE_PORT_RANGE, formatPortRange, portRangeContains, type PortRange } from './port-range.ts';
import type { RandomSource } from './random.ts';
import { RangeAllocator, type RangeSnapshot } from './range-allocator.ts';

/** Message of `restore` when the snapshot is of another port range (upstream's `ErrMismatchedNetwork`). */
export const PORT_RANGE_MISMATCH_MESSAGE = 'the provided port range does not match the current port range';

/** Hands out nodePorts: random picks above the static band, user picks anywhere in the range. */
export class NodePortAllocator {
  /** The ports this allocator owns. */
  readonly range: PortRange;
  private readonly offsets: RangeAllocator;

  /**
   * An empty allocator over `range` (30000-32767 by default).
   * @example new NodePortAllocator().allocate(30080) // undefined: reserved
   */
  constructor(range: PortRange = DEFAULT_NODE_PORT_RANGE, options: { readonly random?: RandomSource } = {}) {
    this.range = range;
    this.offsets = new RangeAllocator(range.size, formatPortRange(range), {
      staticBandSize: staticBandSize(range.size, NODE_PORT_BAND),
      ...(options.random ? { random: options.random } : {}),
    });
  }

  /** The ports `base … base+staticBandSize-1` that dynamic allocation leaves for users while it can. */
  get staticBandSize(): number {
    return this.offsets.staticBandSize;
  }

  /** Reserves a port a user asked for; the error says why not. */
  allocate(port: number): AllocatorError | undefined {
    if (!this.contains(port)) return allocatorError('NotInRange', portNotInRangeMessage(formatPortRange(this.range)));
    if (!this.offsets.allocate(port - this.range.base)) {
      return allocatorError('AlreadyAllocated', PORT_ALLOCATED_MESSAGE);
    }
    return undefined;
  }

  /** Reserves any free port, preferring the dynamic band. */
  allocateNext(): AllocateResult<number> {
    const offset = this.offsets.allocateNext();
    return offset === undefined ? refused('RangeFull', RANGE_FULL_MESSAGE) : allocated(this.range.base + offset);
  }

  /** Frees a port; false (a no-op) for a free port or one outside the range. */
  release(port: number): boolean {
    return this.contains(port) && this.offsets.release(port - this.range.base);
  }

  /** Whether `port` is taken (false outside the range). */
  has(port: number): boolean {
    return this.contains(port) && this.offsets.has(port - this.range.base);
  }

  /** Whether `port` lies in the range. */
  contains(port: number): boolean {
    return Number.isInteger(port) && portRangeContains(this.range, port);
  }

  /** How many ports are free. */
  free(): number {
    return this.offsets.free();
  }

  /** How many ports are taken. */
  used(): number {
    return this.offsets.used();
  }

  /** Every taken port, ascending. */
  values(): number[] {
    const ports: number[] = [];
    this.offsets.forEach((offset) => ports.push(this.range.base + offset));
    return ports;
  }

  /** The state, in upstream's RangeAllocation layout (`range` is e.g. `30000-32767`). */
  snapshot(): RangeSnapshot {
    return this.offsets.snapshot();
  }

  /** Replaces the state with a snapshot; throws when it belongs to another port range. */
  restore(snapshot: RangeSnapshot): void {
    if (snapshot.range !== this.offsets.rangeSpec) throw new Error(PORT_RANGE_MISMATCH_MESSAGE);
    this.offsets.restore(snapshot);
  }
}
