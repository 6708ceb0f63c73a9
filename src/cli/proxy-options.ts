/** kube-proxy's flags (and the host-detection overrides) shared by the commands that render rules. */
import { hostname } from 'node:os';
import { type Command, Option } from 'commander';
import { conntrackTCPBeLiberal, hostInterfaceAddrs, hostPrimaryIP, iptablesHasRandomFully } from './host-facts.ts';
import { integerFlagParser, parseBoolFlag, parseListFlag } from './flag-values.ts';
import { type HostFacts, type ProxyFlags, nfacctCounterNames } from './proxy-config.ts';

/** The facts of the machine the command runs on. */
export const localHostFacts: HostFacts = {
  hostname: () => hostname().toLowerCase(),
  interfaceAddrs: hostInterfaceAddrs,
  primaryIP: hostPrimaryIP,
  hasRandomFully: iptablesHasRandomFully,
  conntrackTCPBeLiberal,
};

function parseNfacct(value: string): string[] {
  if (value === 'true') return [...nfacctCounterNames];
  if (value === 'false') return [];
  return parseListFlag(value);
}

/** Adds kube-proxy's flags to a command, with kube-proxy's names and `--flag=true|false` booleans. */
export function addProxyOptions(command: Command): Command {
  return command
    .option('--config <file>', 'a KubeProxyConfiguration (kubeproxy.config.k8s.io/v1alpha1) file; flags override it')
    .option('--hostname-override <name>', 'the node kube-proxy runs for (default: this host name)')
    .option(
      '--node-ip <ips>',
      'the node IP, one per family, comma-separated (default: Node object, then host)',
      parseListFlag,
    )
    .option('--cluster-cidr <cidrs>', 'pod CIDRs, comma-separated, for --detect-local-mode=ClusterCIDR', parseListFlag)
    .addOption(
      new Option('--detect-local-mode <mode>', 'how pod traffic is told apart (default: ClusterCIDR)').choices([
        'ClusterCIDR',
        'NodeCIDR',
        'BridgeInterface',
        'InterfaceNamePrefix',
      ]),
    )
    .option('--pod-bridge-interface <name>', 'the pod bridge, for --detect-local-mode=BridgeInterface')
    .option('--pod-interface-name-prefix <prefix>', 'the pod interface prefix, for InterfaceNamePrefix mode')
    .option('--masquerade-all [bool]', 'SNAT all traffic sent to Service cluster IPs', parseBoolFlag)
    .option('--iptables-masquerade-bit <bit>', 'the fwmark bit for SNAT, 0-31 (default: 14)', integerFlagParser(31))
    .option('--masquerade-mark <mark>', 'the mark text itself (upstream unit tests write 0x4000); overrides the bit')
    .option(
      '--iptables-localhost-nodeports [bool]',
      'accept NodePort connections on 127.0.0.0/8 (default: true)',
      parseBoolFlag,
    )
    .option(
      '--nodeport-addresses <cidrs>',
      "node IPs NodePorts listen on: CIDRs, 'primary', 'all', 'localhost'",
      parseListFlag,
    )
    .option(
      '--interface-addrs <cidrs>',
      "the node's interface addresses as ip/prefix (default: this host's)",
      parseListFlag,
    )
    .option('--random-fully [bool]', 'iptables supports MASQUERADE --random-fully (default: detected)', parseBoolFlag)
    .option(
      '--nfacct <counters>',
      "nfacct counters present: 'true' (both), 'false' (none, the default) or names",
      parseNfacct,
    )
    .option(
      '--conntrack-tcp-be-liberal [bool]',
      'conntrack TCP liberal mode is on (default: read from the sysctl)',
      parseBoolFlag,
    )
    .addOption(
      new Option('--ip-family <family>', 'which proxier to render for').choices(['IPv4', 'IPv6']).default('IPv4'),
    );
}

/** Picks the proxy flags out of a command's parsed options. */
export function proxyFlagsFrom(options: Record<string, unknown>): ProxyFlags {
  const flags: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) if (value !== undefined) flags[key] = value;
  return flags;
}
