/**
 * `portico start`, what `npm start` runs: the local cluster with the demo NodePort Service (`portico up` with its
 * defaults, in the foreground). Without root it cannot build namespaces, so it says so and shows what works
 * without root.
 */
import type { Command } from 'commander';
import { DEFAULT_CLUSTER_OPTIONS } from '../cluster/plan.ts';
import { type CommandIO, fail } from './io.ts';
import { runUp } from './up-command.ts';

const withoutRoot = `Portico — Kubernetes Services networking, whole and real.

The local cluster (portico up) needs root: it creates network namespaces, veths and routes. Run
  sudo npm start        (or: sudo node bin/portico.mjs up --help)

What works without root (try them on examples/):
  portico validate -f examples/livefire.yaml
      default, validate and allocate Services as a fresh kube-apiserver would; errors as kubectl prints them
  portico rules -f examples/livefire.yaml --hostname-override node-1 --node-ip 192.168.77.11 --cluster-cidr 10.244.0.0/16
      the iptables-restore payload kube-proxy writes on that node (--format save: what iptables-save shows)
  portico rules ... > rules.txt && portico trace --rules rules.txt --node-ip 192.168.77.11 --from 192.168.77.1 --to 192.168.77.11:31155
      follow one packet: every rule it matches and why, the endpoints it can reach, masquerading
  portico apiserver --data-dir /tmp/portico
      a Kubernetes API server for kubectl (1.29-1.33) with its controllers
`;

/** `portico start`. */
export function registerStartCommand(program: Command, io: CommandIO): void {
  program
    .command('start')
    .description('the main job: portico up with its defaults, in the foreground (Ctrl-C removes the cluster)')
    .action(async () => {
      if (process.getuid?.() !== 0) {
        io.stdout(withoutRoot);
        fail(io, 'portico up must run as root');
      }
      const defaults = DEFAULT_CLUSTER_OPTIONS;
      await runUp(
        {
          name: defaults.name,
          stateDir: defaults.stateDir,
          nodes: defaults.nodes,
          proxyMode: 'iptables',
          demo: true,
          nodeNetwork: defaults.nodeNetwork,
          podCidr: defaults.podCIDR,
          serviceCidr: defaults.serviceCIDR,
          apiserverPort: defaults.apiServerPort,
        },
        io,
      );
    });
}
