/** Values one render derives once from the config and shares with every rule writer. */
import type { IPAddress, IPFamily } from '../../net/index.ts';
import type { ChainNamer } from './chain-names.ts';
import type { LocalDetector } from './local-detector.ts';
import type { ChainWriter, TableBuffer, Word } from './restore-payload.ts';

/** The render-wide state handed to the rule writers. */
export interface RenderContext {
  readonly family: IPFamily;
  readonly mark: string;
  /** null: no local-traffic detector, so rules that need one are left out. */
  readonly detector: LocalDetector | null;
  readonly masqueradeAll: boolean;
  /** The effective localhost-NodePorts setting (IPv4 only, loopback among the NodePort addresses). */
  readonly localhostNodePorts: boolean;
  /** Write the `-d 127.0.0.0/8 … -m nfacct` NodePort rule (localhost NodePorts on and the counter exists). */
  readonly countLocalhostNodePorts: boolean;
  /** The node IP of this family, for the FW chain's "allow LB IPs from the node" rule. */
  readonly nodeIP: IPAddress | null;
  /** Over 1000 endpoints: no per-endpoint comments. */
  readonly largeClusterMode: boolean;
  readonly namer: ChainNamer;
  readonly filter: TableBuffer;
  /** Always-written nat chains (KUBE-SERVICES, KUBE-NODEPORTS, …). */
  readonly nat: TableBuffer;
}

/** Where one service port's own chains go: the nat table, or a counting sink in a partial sync. */
export interface ServiceChainSink {
  readonly writer: ChainWriter;
  /** Every chain the port uses is recorded here, written or not, so GC keeps it. */
  readonly active: Set<string>;
}

/** Declares a per-service chain and records it as active. */
export function openChain(sink: ServiceChainSink, chain: string): void {
  sink.writer.declare(chain);
  sink.active.add(chain);
}

/** `-m {p} -p {p} -d {ip} --dport {port}`: the destination match every frontend rule shares. */
export function destinationMatch(protocol: string, ip: string, port: number): Word[] {
  return ['-m', protocol, '-p', protocol, '-d', ip, '--dport', port];
}
