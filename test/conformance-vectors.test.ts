/**
 * Every iptables conformance vector, driven through `portico rules` exactly as a user runs it: the vector's objects
 * in a manifest file, its configuration as flags. Full-sync payloads must match upstream byte for byte.
 * (Partial-sync steps are checked by the renderer's own tests, which control what the kernel already holds.)
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stateFromText, traceUpstream } from '../src/netfilter/index.ts';
import { runCli, writeManifest, writeText } from './support/cli.ts';
import { announceSkip } from './support/private-netns.ts';
import {
  flagsForVectorConfig,
  iptablesVectors,
  type PacketFlow,
  type Vector,
  vectorsFile,
  vectorsSkipReason,
} from './support/vectors.ts';

const skip = announceSkip(vectorsSkipReason, 'conformance vectors');

/** The objects and expected full-sync payload of a vector (its first step, for multi-step vectors). */
function fullSyncCase(vector: Vector): { objects: unknown[]; expected: string | undefined } {
  const first = vector.steps?.[0];
  if (first !== undefined) {
    return { objects: [...first.services, ...first.endpointSlices], expected: first.expectedIptablesRestore };
  }
  return {
    objects: [...(vector.services ?? []), ...(vector.endpointSlices ?? [])],
    expected: vector.expectedIptablesRestore,
  };
}

/** Renders a vector's objects through the CLI with the vector's configuration. */
export async function renderVector(vector: Vector, objects: readonly unknown[]): Promise<string> {
  const manifest = writeManifest(objects);
  try {
    const run = await runCli(['rules', '-f', manifest.path, ...flagsForVectorConfig(vector.config)]);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    return run.stdout;
  } finally {
    manifest.cleanup();
  }
}

describe('portico rules reproduces upstream full-sync payloads', { skip }, () => {
  const withPayload = iptablesVectors.filter((vector) => fullSyncCase(vector).expected !== undefined);
  test('the vectors file has full-sync payloads to compare', () => {
    assert.ok(withPayload.length >= 3, `only ${withPayload.length} vectors with a full payload`);
  });
  for (const vector of withPayload) {
    test(vector.name, async () => {
      const { objects, expected } = fullSyncCase(vector);
      assert.equal(await renderVector(vector, objects), expected);
    });
  }
});

/** The `-A` lines of one chain of one table in a restore payload, in payload order. */
function chainRules(payload: string, table: string, chain: string): string {
  const section = payload.split(/^\*/m).find((part) => part.startsWith(`${table}\n`)) ?? '';
  const lines = section.split('\n').filter((line) => line.startsWith(`-A ${chain} `));
  return lines.map((line) => `${line}\n`).join('');
}

describe('portico rules reproduces upstream chains', { skip }, () => {
  for (const vector of iptablesVectors.filter((candidate) => candidate.expectedChains !== undefined)) {
    test(vector.name, async () => {
      const payload = await renderVector(vector, fullSyncCase(vector).objects);
      for (const [key, expected] of Object.entries(vector.expectedChains ?? {})) {
        const [table = '', chain = ''] = key.split('/');
        assert.equal(chainRules(payload, table, chain), expected, key);
      }
    });
  }
});

/** Every (objects, flows) pair of a vector: the vector itself, or each step of a multi-step vector. */
function flowCases(vector: Vector): { label: string; objects: unknown[]; flows: readonly PacketFlow[] }[] {
  if (vector.steps !== undefined) {
    return vector.steps.map((step, index) => ({
      label: `step ${index + 1} (${step.description})`,
      objects: [...step.services, ...step.endpointSlices],
      flows: step.packetFlows ?? [],
    }));
  }
  return [{ label: 'flows', objects: fullSyncCase(vector).objects, flows: vector.packetFlows ?? [] }];
}

/** What `portico trace -o json` says about one flow, reduced to upstream's output string. */
async function traceThroughCli(rulesPath: string, nodeIPs: readonly string[], flow: PacketFlow): Promise<TraceSummary> {
  const destination = flow.destIP.includes(':') ? `[${flow.destIP}]` : flow.destIP;
  const to = `${destination}:${flow.destPort}/${(flow.protocol ?? 'TCP').toLowerCase()}`;
  const run = await runCli([
    'trace',
    '--rules',
    rulesPath,
    `--node-ip=${nodeIPs.join(',')}`,
    '--from',
    flow.sourceIP,
    '--to',
    to,
    '-o',
    'json',
  ]);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as TraceSummary;
}

interface TraceSummary {
  readonly verdict: string;
  readonly endpoints: string[];
  readonly masquerade: boolean;
}

describe('every packet flow ends where upstream says', { skip }, () => {
  const withFlows = iptablesVectors.filter((vector) => flowCases(vector).some((c) => c.flows.length > 0));
  test('the vectors file has packet flows', () => {
    const count = withFlows.flatMap(flowCases).reduce((sum, c) => sum + c.flows.length, 0);
    assert.ok(count >= 200, `only ${count} flows`);
  });
  for (const vector of withFlows) {
    test(vector.name, async () => {
      const nodeIPs = vector.nodeIPs ?? vectorsFile.meta.tracerLocalIPs;
      for (const flowCase of flowCases(vector)) {
        const payload = await renderVector(vector, flowCase.objects);
        const state = stateFromText(payload, vector.config.ipFamily === 'IPv6' ? 6 : 4);
        const rules = writeText('rules.txt', payload);
        try {
          for (const flow of flowCase.flows) {
            const where = `${flowCase.label}: ${flow.name}`;
            const upstream = traceUpstream(state, flow, nodeIPs);
            assert.deepEqual(
              { output: upstream.output, masq: upstream.masq },
              { output: flow.output, masq: flow.masq },
              where,
            );
            const explained = await traceThroughCli(rules.path, nodeIPs, flow);
            assert.equal(explained.masquerade, flow.masq, where);
            if (explained.verdict === 'DNAT') assert.equal(explained.endpoints.join(', '), flow.output, where);
            else if (explained.verdict === 'none') assert.equal(flow.output, '', where);
            else assert.ok(flow.output.split(', ').includes(explained.verdict), where);
          }
        } finally {
          rules.cleanup();
        }
      }
    });
  }
});
