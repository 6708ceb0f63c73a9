/**
 * Which options each known match module and target accepts, and how many values each takes. The parser uses
 * this to give every `--option` to its owner, as iptables' option parser does; unknown modules fall back to
 * "values up to the next option".
 */

/** Number of value words an option takes, plus the canonical name of an alias. */
export interface OptionSpec {
  readonly arity: number;
  readonly canonical?: string;
}

type SpecTable = Readonly<Record<string, Readonly<Record<string, OptionSpec>>>>;

const ONE: OptionSpec = { arity: 1 };
const FLAG: OptionSpec = { arity: 0 };
const TWO: OptionSpec = { arity: 2 };

const PORT_OPTIONS = {
  '--sport': ONE,
  '--source-port': { arity: 1, canonical: '--sport' },
  '--dport': ONE,
  '--destination-port': { arity: 1, canonical: '--dport' },
};

/** Options of the match modules this package knows. */
export const MATCH_OPTIONS: SpecTable = {
  comment: { '--comment': ONE },
  tcp: { ...PORT_OPTIONS, '--tcp-flags': TWO, '--syn': FLAG, '--tcp-option': ONE },
  udp: PORT_OPTIONS,
  sctp: { ...PORT_OPTIONS, '--chunk-types': TWO },
  addrtype: { '--src-type': ONE, '--dst-type': ONE, '--limit-iface-in': FLAG, '--limit-iface-out': FLAG },
  conntrack: Object.fromEntries(
    [
      'ctstate',
      'ctproto',
      'ctorigsrc',
      'ctorigdst',
      'ctreplsrc',
      'ctrepldst',
      'ctorigsrcport',
      'ctorigdstport',
      'ctreplsrcport',
      'ctrepldstport',
      'ctstatus',
      'ctexpire',
      'ctdir',
    ].map((name) => [`--${name}`, ONE]),
  ),
  state: { '--state': ONE },
  mark: { '--mark': ONE },
  nfacct: { '--nfacct-name': ONE },
  statistic: { '--mode': ONE, '--probability': ONE, '--every': ONE, '--packet': ONE },
  recent: {
    '--set': FLAG,
    '--rcheck': FLAG,
    '--update': FLAG,
    '--remove': FLAG,
    '--seconds': ONE,
    '--reap': FLAG,
    '--hitcount': ONE,
    '--rttl': FLAG,
    '--name': ONE,
    '--mask': ONE,
    '--rsource': FLAG,
    '--rdest': FLAG,
  },
  multiport: {
    '--sports': ONE,
    '--source-ports': { arity: 1, canonical: '--sports' },
    '--dports': ONE,
    '--destination-ports': { arity: 1, canonical: '--dports' },
    '--ports': ONE,
  },
  set: { '--match-set': TWO, '--return-nomatch': FLAG },
  icmp: { '--icmp-type': ONE },
  icmp6: { '--icmpv6-type': ONE },
  limit: { '--limit': ONE, '--limit-burst': ONE },
  mac: { '--mac-source': ONE },
};

/** Options of the targets this package knows; user chains and verdicts take none. */
export const TARGET_OPTIONS: SpecTable = {
  DNAT: { '--to-destination': ONE, '--random': FLAG, '--persistent': FLAG },
  SNAT: { '--to-source': ONE, '--random': FLAG, '--random-fully': FLAG, '--persistent': FLAG },
  MASQUERADE: { '--to-ports': ONE, '--random': FLAG, '--random-fully': FLAG },
  REDIRECT: { '--to-ports': ONE, '--random': FLAG },
  MARK: { '--set-xmark': ONE, '--set-mark': ONE, '--and-mark': ONE, '--or-mark': ONE, '--xor-mark': ONE },
  REJECT: { '--reject-with': ONE },
  LOG: {
    '--log-prefix': ONE,
    '--log-level': ONE,
    '--log-tcp-sequence': FLAG,
    '--log-tcp-options': FLAG,
    '--log-ip-options': FLAG,
    '--log-uid': FLAG,
  },
  ACCEPT: {},
  DROP: {},
  RETURN: {},
};

/** Protocols that implicitly load a same-named port match when `--sport`/`--dport` follow `-p`. */
export const PORT_PROTOCOLS: ReadonlySet<string> = new Set(['tcp', 'udp', 'sctp']);
