/** The local-traffic detector: the match arguments that say "from a pod on this node" and "not from one". */
import { formatCIDR, parseCIDR, type IPFamily } from '../../net/index.ts';
import type { LocalDetectorConfig } from './config.ts';

/** A detector's two match fragments; null when there is none (rules that need it are left out). */
export interface LocalDetector {
  readonly ifLocal: readonly string[];
  readonly ifNotLocal: readonly string[];
}

/** Builds the detector for one family; a CIDR of the other family means no detector, as upstream. */
export function localDetectorFor(config: LocalDetectorConfig, family: IPFamily): LocalDetector | null {
  switch (config.mode) {
    case 'ClusterCIDR':
    case 'NodeCIDR': {
      const cidr = parseCIDR(config.cidr, { sloppy: true });
      if (cidr === undefined || cidr.family !== family) return null;
      const text = formatCIDR(cidr);
      return { ifLocal: ['-s', text], ifNotLocal: ['!', '-s', text] };
    }
    case 'BridgeInterface':
      return { ifLocal: ['-i', config.interface], ifNotLocal: ['!', '-i', config.interface] };
    case 'InterfaceNamePrefix':
      // iptables matches an interface-name prefix with a trailing '+'.
      return { ifLocal: ['-i', `${config.prefix}+`], ifNotLocal: ['!', '-i', `${config.prefix}+`] };
    case 'none':
      return null;
  }
}
