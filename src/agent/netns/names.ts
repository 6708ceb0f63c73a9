/**
 * Names of everything Portico creates in the kernel. All carry the `portico-` prefix so a by-name cleanup can
 * never touch anything else, and interface names fit Linux's 15-character limit (IFNAMSIZ 16 with the NUL).
 */
import { createHash } from 'node:crypto';

/** The prefix on every namespace and link name Portico creates. */
export const NAME_PREFIX = 'portico-';
/** The longest interface name Linux accepts. */
export const MAX_INTERFACE_NAME = 15;
/** The longest namespace name we create: it is a file name under /run/netns. */
export const MAX_NAMESPACE_NAME = 64;

/** A name Portico refuses to create or delete: wrong prefix, too long, or characters `ip` would misread. */
export class NetnsNameError extends Error {
  override readonly name = 'NetnsNameError';
}

const NAME_CHARS = /^[a-z0-9][a-z0-9._-]*$/;

/** Throws unless `name` is a Portico network namespace name. */
export function checkNamespaceName(name: string): string {
  if (!name.startsWith(NAME_PREFIX) || name.length > MAX_NAMESPACE_NAME || !NAME_CHARS.test(name)) {
    throw new NetnsNameError(
      `network namespace name "${name}" must start with "${NAME_PREFIX}", use [a-z0-9._-] and have at most ` +
        `${MAX_NAMESPACE_NAME} characters`,
    );
  }
  return name;
}

/** Throws unless `name` is a Portico interface name of at most 15 characters. */
export function checkInterfaceName(name: string): string {
  if (!name.startsWith(NAME_PREFIX) || name.length > MAX_INTERFACE_NAME || !NAME_CHARS.test(name)) {
    throw new NetnsNameError(
      `interface name "${name}" must start with "${NAME_PREFIX}", use [a-z0-9._-] and have at most ` +
        `${MAX_INTERFACE_NAME} characters`,
    );
  }
  return name;
}

/** A short stable hash of `text`, `length` hex digits: pod names are too long for interface names. */
function shortHash(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * The veth names for a pod, derived from its namespace name so teardown can find them by name again:
 * `portico-h<6 hex>` on the node's bridge and `portico-p<6 hex>` inside the pod.
 */
export function podVethNames(podNamespace: string): { readonly host: string; readonly pod: string } {
  const hash = shortHash(checkNamespaceName(podNamespace), 6);
  return { host: `${NAME_PREFIX}h${hash}`, pod: `${NAME_PREFIX}p${hash}` };
}
