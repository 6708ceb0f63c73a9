/**
 * The packet tracer's two presentations over one engine (`trace-engine.ts`):
 * `traceUpstream` answers exactly as upstream kube-proxy's test tracer does (output string + masquerade flag);
 * `tracePacket` explains: verdict, endpoints with probabilities, and the path of rules with reasons.
 */
import type { PacketInput } from './packet.ts';
import type { NetfilterState } from './state.ts';
import { runTrace, type TraceStep } from './trace-engine.ts';

export type { TraceStep } from './trace-engine.ts';

/** A flow as the conformance vectors describe it (`protocol` defaults to TCP). */
export interface UpstreamFlow {
  readonly sourceIP: string;
  readonly destIP: string;
  readonly destPort: number;
  readonly protocol?: string;
}

/** Upstream's answer: terminal targets joined by `", "` (DNAT destinations as written), and masquerading. */
export interface UpstreamTraceResult {
  readonly output: string;
  readonly masq: boolean;
}

/** Traces a flow with upstream's semantics; `localIPs` are the node IPs (`127.0.0.1`/`::1` are always local). */
export function traceUpstream(
  state: NetfilterState,
  flow: UpstreamFlow,
  localIPs: readonly string[],
): UpstreamTraceResult {
  const result = runTrace(state, flow, { localIPs });
  const output = result.outcomes.map((outcome) =>
    outcome.kind === 'DNAT' ? (outcome.destination ?? '') : outcome.kind,
  );
  return { output: output.join(', '), masq: result.masquerade };
}

/** What finally happens to the packet. */
export type TraceVerdict = 'DNAT' | 'ACCEPT' | 'DROP' | 'REJECT' | 'none';

/** One DNAT destination and the probability of reaching it. */
export interface TraceEndpoint {
  readonly destination: string;
  readonly probability: number;
}

/** The explained trace. `notes` lists rules passed over because they need state the tracer does not model. */
export interface TraceResult {
  readonly verdict: TraceVerdict;
  readonly endpoints: readonly TraceEndpoint[];
  readonly masquerade: boolean;
  readonly path: readonly TraceStep[];
  readonly notes: readonly string[];
}

/** Options of `tracePacket`: the node's own IPs (for `addrtype LOCAL`). */
export interface TraceOptions {
  readonly localIPs: readonly string[];
}

/**
 * Follows one packet and explains it: a DROP or REJECT anywhere wins, else DNAT when endpoints were reached,
 * else ACCEPT, else `none`.
 * @example tracePacket(state, { sourceIP: '10.0.0.2', destIP: '172.30.0.41', destPort: 80 }, { localIPs: ['192.168.0.2'] })
 */
export function tracePacket(state: NetfilterState, packet: PacketInput, options: TraceOptions): TraceResult {
  const result = runTrace(state, packet, { localIPs: options.localIPs });
  const endpoints = result.outcomes.flatMap((outcome) =>
    outcome.kind === 'DNAT' ? [{ destination: outcome.destination ?? '', probability: outcome.probability }] : [],
  );
  const kinds = result.outcomes.map((outcome) => outcome.kind);
  const blocked = kinds.find((kind) => kind === 'DROP' || kind === 'REJECT');
  const verdict: TraceVerdict =
    blocked ?? (endpoints.length > 0 ? 'DNAT' : kinds.includes('ACCEPT') ? 'ACCEPT' : 'none');
  return { verdict, endpoints, masquerade: result.masquerade, path: result.steps, notes: result.notes };
}
