/** `npm run bench`: every benchmark, each printing its figures as ratios against a baseline from the same run. */
import { benchApiServerSoak } from './apiserver-soak.bench.ts';
import { benchIptablesRender } from './iptables-render.bench.ts';
import { machineDescription } from './machine.ts';
import { benchNetworkProgramming } from './network-programming.bench.ts';
import { benchNodePortThroughput } from './nodeport-throughput.bench.ts';
import { benchStoreHistory } from './store-history.bench.ts';

console.log('Portico benchmarks');
console.log(machineDescription());
console.log('');
benchIptablesRender();
console.log('');
await benchNetworkProgramming();
console.log('');
await benchNodePortThroughput();
console.log('');
await benchStoreHistory();
console.log('');
await benchApiServerSoak();
