import { type Command, Option } from 'commander';
import { applyRestore, createNetfilterState, renderIptablesSave } from '../netfilter/index.ts';
import { proxyInputsFrom, objectReference } from './cluster-objects.ts';
import { CommandError, spawnCommand } from '../exec/command.ts';
import { liveIptablesSave, UnknownNodeError } from '../cluster/live-node.ts';
import { addClusterFlags, nodeOfCluster } from './cluster-flags.ts';
import { type CommandIO, fail } from './io.ts';
import { ManifestError, readManifests } from './manifests.ts';
import { ProxyConfigError, resolveRenderConfig } from './proxy-config.ts';
import { addProxyOptions, localHostFacts, proxyFlagsFrom } from './proxy-options.ts';
import { renderRulesForNode } from './render-rules.ts';

interface RulesOptions extends Record<string, unknown> {
  readonly filename?: string[];
  readonly format: 'restore' | 'save';
  readonly node?: string;
  readonly name: string;
  readonly stateDir: string;
}

/** `--node NAME`: the live rules of a node of a local cluster, as its kernel holds them. */
async function liveRules(options: RulesOptions, command: Command, io: CommandIO): Promise<void> {
  if (options.filename !== undefined) fail(io, '--node and -f cannot be used together');
  try {
    const { namespace } = await nodeOfCluster(spawnCommand, options.node ?? '', command, io);
    io.stdout(await liveIptablesSave(spawnCommand, namespace));
  } catch (error) {
    if (error instanceof UnknownNodeError || error instanceof CommandError) fail(io, error.message);
    throw error;
  }
}

/** What `iptables-save` prints once the payload is restored into a node that had no rules. */
function savedForm(payload: string, family: 'IPv4' | 'IPv6'): string {
  const state = applyRestore(createNetfilterState(family === 'IPv6' ? 6 : 4), payload);
  return renderIptablesSave(state);
}

/**
 * `portico rules -f FILE...`: the payload kube-proxy (iptables mode) writes for these Services on this node;
 * `portico rules --node NAME`: what a local cluster node's kernel holds right now.
 */
export function registerRulesCommand(program: Command, io: CommandIO): void {
  const command = program
    .command('rules')
    .description(
      'print the iptables-restore payload kube-proxy writes for the Services and EndpointSlices in manifests',
    )
    .option('-f, --filename <files...>', 'manifests (YAML or JSON, several documents each; - for stdin)')
    .option('--node <name>', "instead of manifests: a local cluster node's live iptables-save (see portico up)")
    .addOption(
      new Option('--format <format>', 'restore: what kube-proxy feeds iptables-restore; save: what iptables-save shows')
        .choices(['restore', 'save'])
        .default('restore'),
    );
  addClusterFlags(addProxyOptions(command)).action(async (options: RulesOptions, self: Command) => {
    if (options.node !== undefined) {
      await liveRules(options, self, io);
      return;
    }
    if (options.filename === undefined) fail(io, "required option '-f, --filename <files...>' not specified");
    try {
      const manifests = readManifests(options.filename, io.stdin);
      const inputs = proxyInputsFrom(manifests);
      for (const ignored of inputs.ignored) {
        io.stderr(
          `Warning: ${objectReference(ignored.object)} ignored: rules come from Services, EndpointSlices and Nodes\n`,
        );
      }
      const config = resolveRenderConfig(proxyFlagsFrom(options), localHostFacts, inputs.nodes);
      const { payload } = renderRulesForNode(inputs, config);
      io.stdout(options.format === 'save' ? savedForm(payload, config.ipFamily) : payload);
    } catch (error) {
      if (error instanceof ManifestError || error instanceof ProxyConfigError) fail(io, error.message);
      throw error;
    }
  });
}
