import type { Command } from 'commander';
import type { CommandIO } from './io.ts';

const capabilities = `Portico — Kubernetes Services networking, whole and real.

What works today (try them on examples/):
  portico apiserver --data-dir /tmp/portico
      a Kubernetes API server for kubectl (1.29-1.33) with its controllers: Services with real allocation,
      Deployments that become Pods on Nodes, EndpointSlices
  portico proxy --kubeconfig /tmp/portico/kubeconfig --hostname-override node-1
      kube-proxy (iptables mode) for a node: run it inside the node's network namespace, as root
  portico validate -f examples/livefire.yaml
      default, validate and allocate Services as a fresh kube-apiserver would; errors as kubectl prints them
  portico rules -f examples/livefire.yaml --hostname-override node-1 --node-ip 192.168.77.11 --cluster-cidr 10.244.0.0/16
      the iptables-restore payload kube-proxy writes on that node (--format save: what iptables-save shows)
  portico rules ... > rules.txt && portico trace --rules rules.txt --node-ip 192.168.77.11 --from 192.168.77.1 --to 192.168.77.11:31155
      follow one packet: every rule it matches and why, the endpoints it can reach, masquerading
  npm run bench
      render time against iptables-restore time, measured in the same run

Partly built: \`portico node\`, the node agent (runs bound Pods as processes with probes and restarts; no logs yet).
Not built yet: \`portico up\`, the local multi-node cluster that \`npm start\` will run once it exists.
`;

/** `portico start`: what `npm start` runs. Until the local cluster exists it says what Portico can do. */
export function registerStartCommand(program: Command, io: CommandIO): void {
  program
    .command('start')
    .description('the main job (prints what Portico can do today)')
    .action(() => {
      io.stdout(capabilities);
    });
}
