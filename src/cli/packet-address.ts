/** Parses the `--to` destination of `portico trace`: `IP:PORT[/tcp|udp|sctp]`, `[IPv6]:PORT[/proto]`. */

/** A packet destination as the user gave it. */
export interface PacketDestination {
  readonly ip: string;
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
}

const protocols = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP' } as const;

/** Parses `10.96.0.1:80`, `10.96.0.1:53/udp`, `[fd00::1]:80/tcp`; returns an error message when it cannot. */
export function parsePacketDestination(text: string): PacketDestination | string {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([0-9.]+)):(\d{1,5})(?:\/([A-Za-z]+))?$/.exec(text.trim());
  const usage = `invalid destination "${text}": want IP:PORT[/tcp|udp|sctp], e.g. 192.168.77.11:31155 or [fd00::1]:80/udp`;
  if (match === null) return usage;
  const ip = match[1] ?? match[2] ?? '';
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return `invalid destination "${text}": port ${port} is not in 1-65535`;
  const protocolName = (match[4] ?? 'tcp').toLowerCase();
  if (!(protocolName in protocols)) return `invalid destination "${text}": protocol must be tcp, udp or sctp`;
  return { ip, port, protocol: protocols[protocolName as keyof typeof protocols] };
}
