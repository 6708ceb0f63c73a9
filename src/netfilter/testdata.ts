/**
 * The netfilter tests' view of the shared conformance vectors. When the file is missing, `vectors` is undefined
 * and `vectorsSkipReason` says why, so tests can skip with a reason.
 */
import { readConformanceVectors } from '../../test/support/vectors-file.ts';

/** One packet flow and upstream's expected answer. */
export interface VectorPacketFlow {
  readonly name: string;
  readonly sourceIP: string;
  readonly destIP: string;
  readonly destPort: number;
  readonly protocol?: string;
  readonly output: string;
  readonly masq: boolean;
}

/** One sync step of a multi-step vector. */
export interface VectorStep {
  readonly description: string;
  readonly expectedIptablesRestore?: string;
  readonly packetFlows?: readonly VectorPacketFlow[];
}

/** One upstream test case (only the fields netfilter tests read). */
export interface Vector {
  readonly name: string;
  readonly mode: string;
  readonly nodeIPs?: readonly string[];
  readonly expectedIptablesRestore?: string;
  readonly packetFlows?: readonly VectorPacketFlow[];
  readonly steps?: readonly VectorStep[];
}

/** One restore line and what real `iptables-save` printed for it. */
export interface RenderingPair {
  readonly ipFamily: 'IPv4' | 'IPv6';
  readonly table: string;
  readonly restoreLine: string;
  readonly iptablesSaveLine: string;
}

/** A probability as kube-proxy writes it and as `iptables-save` prints it back. */
export interface ProbabilityVector {
  readonly n: number;
  readonly restoreInput: string;
  readonly iptablesSaveOutput: string;
}

/** The parts of the vectors file netfilter tests use. */
export interface KubeProxyVectors {
  readonly meta: { readonly tracerLocalIPs: readonly string[] };
  readonly probabilityVectors: readonly ProbabilityVector[];
  readonly vectors: readonly Vector[];
  readonly iptablesSaveRenderingVectors: { readonly pairs: readonly RenderingPair[] };
  readonly iptablesSaveFullExample: { readonly description: string; readonly text: string };
}

const loaded = readConformanceVectors();

/** The parsed vectors, or undefined when the file is not there. */
export const vectors: KubeProxyVectors | undefined = loaded.data as KubeProxyVectors | undefined;

/** Why vector-based tests skip (false when the vectors loaded). */
export const vectorsSkipReason: string | false = loaded.skipReason ?? false;

/** Every `expectedIptablesRestore` in the vectors (top level and per step), with a label. */
export function allExpectedRestores(data: KubeProxyVectors): { label: string; text: string }[] {
  return data.vectors.flatMap((vector) => [
    ...(vector.expectedIptablesRestore === undefined
      ? []
      : [{ label: vector.name, text: vector.expectedIptablesRestore }]),
    ...(vector.steps ?? []).flatMap((step, index) =>
      step.expectedIptablesRestore === undefined
        ? []
        : [{ label: `${vector.name} step ${index + 1}`, text: step.expectedIptablesRestore }],
    ),
  ]);
}

/** The vector with this name (throws if it is missing, so a renamed vector fails loudly). */
export function vectorNamed(data: KubeProxyVectors, name: string): Vector {
  const vector = data.vectors.find((candidate) => candidate.name === name);
  if (!vector) throw new Error(`vector "${name}" not found`);
  return vector;
}
