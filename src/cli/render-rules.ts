/** One full render for one node: the path `portico rules` takes, shared with tests and benchmarks. */
import type { RenderConfig } from '../proxy/iptables/config.ts';
import { type RenderResult, renderIptablesRestore } from '../proxy/iptables/render.ts';
import { buildSnapshot } from '../proxy/snapshot.ts';
import type { ProxyInputs } from './cluster-objects.ts';

/** Renders the full-sync payload a kube-proxy on `config.nodeName` writes for these objects. */
export function renderRulesForNode(inputs: Omit<ProxyInputs, 'ignored'>, config: RenderConfig): RenderResult {
  const node = inputs.nodes.find((candidate) => candidate.metadata?.name === config.nodeName);
  const snapshot = buildSnapshot(inputs.services, inputs.endpointSlices, {
    name: config.nodeName,
    ipFamily: config.ipFamily,
    topologyLabels: node?.metadata?.labels ?? {},
  });
  return renderIptablesRestore(snapshot, config, { kind: 'full', existingNatChains: null });
}
