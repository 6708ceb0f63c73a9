/** The renderer tests' view of the shared kube-proxy conformance vectors (with a reason when the file is missing). */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import { readConformanceVectors } from '../../../test/support/vectors-file.ts';
import type { RenderConfig } from './config.ts';

/** One assertion on a restore payload (upstream test helpers, as data). */
export type VectorAssertion =
  | { readonly type: 'dnatLineFor'; readonly match: string; readonly expected: string }
  | { readonly type: 'dnatCount' | 'dnatWithCommentCount'; readonly expected: number }
  | { readonly type: 'natKubeServicesHasDestination'; readonly value: string; readonly expected: boolean };

/** One sync of a multi-step vector: the complete desired state and what that sync must write. */
export interface VectorStep {
  readonly description: string;
  readonly services: Service[];
  readonly endpointSlices: EndpointSlice[];
  readonly forceFullSync?: boolean;
  readonly expectedFullSync?: boolean;
  readonly expectedIptablesRestore?: string;
  readonly assertions?: VectorAssertion[];
}

/** One conformance vector (schema: reference §14.3); packet flows are checked elsewhere. */
export interface ProxyVector {
  readonly name: string;
  readonly mode: 'iptables' | 'nftables';
  readonly notes?: string;
  readonly config: RenderConfig;
  readonly services?: Service[];
  readonly endpointSlices?: EndpointSlice[];
  readonly expectedIptablesRestore?: string;
  readonly expectedChains?: Record<string, string>;
  readonly assertions?: VectorAssertion[];
  readonly steps?: VectorStep[];
}

/** A chain-name hashing vector. */
export interface HashVector {
  readonly kind: 'service' | 'endpoint';
  readonly servicePortName: string;
  readonly protocol: string;
  readonly endpoint?: string;
  readonly sha256Input: string;
  readonly hash16?: string;
  readonly chain?: string;
  readonly chains?: Record<string, string>;
}

/** A `--probability` formatting vector. */
export interface ProbabilityVector {
  readonly n: number;
  readonly restoreInput: string;
  readonly iptablesSaveOutput: string;
}

/** The parts of `kube-proxy-vectors.json` these tests read. */
export interface KubeProxyVectors {
  readonly hashVectors: HashVector[];
  readonly probabilityVectors: ProbabilityVector[];
  readonly vectors: ProxyVector[];
}

/** The parsed vectors, or the reason they could not be read. */
export type VectorsLoad =
  | { readonly data: KubeProxyVectors; readonly skipReason?: never }
  | { readonly data?: never; readonly skipReason: string };

/** Reads `kube-proxy-vectors.json` once; tests skip (printing the reason) when it is absent. */
export function loadKubeProxyVectors(): VectorsLoad {
  const loaded = readConformanceVectors();
  return loaded.skipReason === undefined
    ? { data: loaded.data as KubeProxyVectors }
    : { skipReason: loaded.skipReason };
}

/** The iptables vectors. */
export function iptablesVectors(data: KubeProxyVectors): ProxyVector[] {
  return data.vectors.filter((vector) => vector.mode === 'iptables');
}
