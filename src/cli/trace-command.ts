import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { formatTrace, NetfilterError, stateFromText, tracePacket, type TraceResult } from '../netfilter/index.ts';
import { CommandError, spawnCommand } from '../exec/command.ts';
import { liveIptablesSave, nodeAddresses, UnknownNodeError } from '../cluster/live-node.ts';
import { addClusterFlags, nodeOfCluster } from './cluster-flags.ts';
import { parseListFlag } from './flag-values.ts';
import { type CommandIO, fail } from './io.ts';
import { parsePacketDestination } from './packet-address.ts';

interface TraceOptions {
  readonly rules?: string;
  readonly nodeIp?: string[];
  readonly node?: string;
  readonly name: string;
  readonly stateDir: string;
  readonly from: string;
  readonly to: string;
  readonly output: 'text' | 'json';
}

/** The JSON face of a trace: endpoints as `ip:port` strings in rule order, plus the explained path. */
function traceJson(result: TraceResult, from: string, to: string): unknown {
  return {
    packet: { from, to },
    verdict: result.verdict,
    endpoints: result.endpoints.map((endpoint) => endpoint.destination),
    probabilities: result.endpoints.map((endpoint) => ({
      endpoint: endpoint.destination,
      probability: endpoint.probability,
    })),
    masquerade: result.masquerade,
    path: result.path,
    notes: result.notes,
  };
}

function readRules(path: string, io: CommandIO): string {
  try {
    return path === '-' ? io.stdin() : readFileSync(path, 'utf8');
  } catch {
    return fail(io, `cannot read rules from "${path}"`);
  }
}

/** The rules and local IPs to trace through: from `--rules`/`--node-ip`, or live from a local cluster node. */
async function traceInput(
  options: TraceOptions,
  command: Command,
  io: CommandIO,
): Promise<{ text: string; localIPs: string[] }> {
  if (options.node === undefined) {
    if (options.rules === undefined) fail(io, 'give --rules FILE (with --node-ip), or --node NAME of a local cluster');
    if (options.nodeIp === undefined) fail(io, "required option '--node-ip <ips>' not specified");
    return { text: readRules(options.rules, io), localIPs: options.nodeIp };
  }
  if (options.rules !== undefined) fail(io, '--node and --rules cannot be used together');
  try {
    const { namespace } = await nodeOfCluster(spawnCommand, options.node, command, io);
    const text = await liveIptablesSave(spawnCommand, namespace);
    return { text, localIPs: options.nodeIp ?? (await nodeAddresses(spawnCommand, namespace)) };
  } catch (error) {
    if (error instanceof UnknownNodeError || error instanceof CommandError) fail(io, error.message);
    throw error;
  }
}

/** `portico trace`: follows one packet through a node's rules and says where it goes and why. */
export function registerTraceCommand(program: Command, io: CommandIO): void {
  const command = program
    .command('trace')
    .description("follow one packet through a node's iptables rules: every rule it matches, the verdict, the endpoints")
    .option('--rules <file>', 'an iptables-restore payload or an iptables-save dump (- for stdin)')
    .option('--node-ip <ips>', "the node's own IPs, comma-separated (what addrtype LOCAL matches)", parseListFlag)
    .option('--node <name>', "instead of --rules: a local cluster node's live rules and addresses (see portico up)")
    .requiredOption('--from <ip>', 'the source IP of the packet')
    .requiredOption('--to <destination>', 'IP:PORT[/tcp|udp|sctp] the packet is sent to')
    .addOption(new Option('-o, --output <format>', 'text or json').choices(['text', 'json']).default('text'));
  addClusterFlags(command).action(async (options: TraceOptions, self: Command) => {
    const destination = parsePacketDestination(options.to);
    if (typeof destination === 'string') fail(io, destination);
    const { text, localIPs } = await traceInput(options, self, io);
    let result: TraceResult;
    try {
      const state = stateFromText(text);
      const packet = {
        sourceIP: options.from,
        destIP: destination.ip,
        destPort: destination.port,
        protocol: destination.protocol,
      };
      result = tracePacket(state, packet, { localIPs });
    } catch (error) {
      if (error instanceof NetfilterError) fail(io, error.message);
      throw error;
    }
    if (options.output === 'json')
      io.stdout(`${JSON.stringify(traceJson(result, options.from, options.to), null, 2)}\n`);
    else io.stdout(`packet: ${options.from} -> ${options.to}\n${formatTrace(result)}`);
  });
}
