/**
 * Field validation of IPs and CIDRs with the "sloppy" rules Kubernetes keeps for API fields
 * (`netutils.ParseIPSloppy` / `ParseCIDRSloppy`: IPv4 octets may carry leading zeros, read as decimal).
 */
import {
  isLinkLocalMulticast,
  isLinkLocalUnicast,
  isLoopback,
  isUnspecified,
  parseCIDR,
  parseIP,
} from '../../net/index.ts';
import { type FieldError, invalid } from '../field-errors.ts';

/** `field: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)` */
export function validateIP(field: string, value: string): FieldError[] {
  if (parseIP(value, { sloppy: true }) !== undefined) return [];
  return [invalid(field, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

/** `field: Invalid value: "x": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)` */
export function validateCIDR(field: string, value: string): FieldError[] {
  if (parseCIDR(value, { sloppy: true }) !== undefined) return [];
  return [invalid(field, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

/**
 * Rejects addresses that make no sense as endpoints or external IPs: unspecified, loopback,
 * link-local (ValidateNonSpecialIP).
 */
export function validateNonSpecialIP(field: string, value: string): FieldError[] {
  // Go's net.IP checks see `::ffff:127.0.0.1` as IPv4 loopback, hence unmap.
  const ip = parseIP(value, { sloppy: true, unmap: true });
  if (ip === undefined) return [invalid(field, value, 'must be a valid IP address')];
  const errors: FieldError[] = [];
  if (isUnspecified(ip)) errors.push(invalid(field, value, `may not be unspecified (${value})`));
  if (isLoopback(ip)) errors.push(invalid(field, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (isLinkLocalUnicast(ip)) {
    errors.push(invalid(field, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  }
  if (isLinkLocalMulticast(ip)) {
    errors.push(invalid(field, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  }
  return errors;
}

/**
 * ValidateEndpointIP: the special-range checks of `validateNonSpecialIP` for an address already known to parse
 * (its syntax error, if any, is reported by the family check before it).
 */
export function validateEndpointIP(field: string, value: string): FieldError[] {
  if (parseIP(value, { sloppy: true }) === undefined) return [];
  return validateNonSpecialIP(field, value);
}
