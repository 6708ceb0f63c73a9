/** IP addresses and networks for the whole project: one representation (family + bigint), Go's rules. */
export {
  FAMILY_BITS,
  ipFamilyOf,
  isIPv4Mapped,
  isLinkLocalMulticast,
  isLinkLocalUnicast,
  isLoopback,
  isUnspecified,
  parseIP,
  unmapIP,
  type IPAddress,
  type IPFamily,
  type ParseIPOptions,
} from './ip.ts';
export { formatIP, normalizeIP, type FormatIPOptions } from './format.ts';
export {
  cidrContains,
  cidrSize,
  formatCIDR,
  invalidCIDRMessage,
  parseCIDR,
  prefixMask,
  type CIDR,
  type ParseCIDROptions,
} from './cidr.ts';
export {
  formatIptablesNetwork,
  iptablesNetworkContains,
  parseIptablesNetwork,
  type IptablesNetwork,
} from './iptables-network.ts';
