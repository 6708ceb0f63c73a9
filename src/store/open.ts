/**
 * Drivers by URL scheme, as kine picks its backend from the endpoint: `memory://`, `sqlite://<path>`,
 * and `etcd://` (not yet). Anything else, and any option a driver does not know, fails loudly.
 */
import { invalidArgument, unsupported } from './errors.ts';
import { openMemoryUrl } from './memory/memory.ts';
import { openSqliteUrl } from './sqlite/sqlite.ts';
import type { Store } from './types.ts';

/** Opens a store from the part of the URL after `scheme://` (before `?`) and its `?name=value` options. */
export type DriverOpener = (location: string, options: ReadonlyMap<string, string>) => Store | Promise<Store>;

const drivers = new Map<string, DriverOpener>([
  ['memory', openMemoryUrl],
  ['sqlite', openSqliteUrl],
  [
    'etcd',
    () => {
      throw unsupported('etcd:// is not supported yet; use sqlite:// or memory://');
    },
  ],
]);

/** Adds (or, for `etcd`, replaces the placeholder of) the driver for `scheme`. */
export function registerDriver(scheme: string, opener: DriverOpener): void {
  if (drivers.has(scheme) && scheme !== 'etcd') throw invalidArgument(`a driver for ${scheme}:// is registered`);
  drivers.set(scheme, opener);
}

/** The URL split into scheme, location and options. */
export function parseStoreUrl(url: string): { scheme: string; location: string; options: Map<string, string> } {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^?#]*)(?:\?([^#]*))?$/i.exec(url);
  if (match === null) {
    throw invalidArgument(`not a store URL: ${JSON.stringify(url)} (expected memory:// or sqlite://<path>)`);
  }
  const [, scheme = '', location = '', query = ''] = match;
  const options = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(query)) {
    if (options.has(name)) throw unsupported(`option ${JSON.stringify(name)} is given twice in ${url}`);
    options.set(name, value);
  }
  return { scheme: scheme.toLowerCase(), location, options };
}

/**
 * Opens the store named by `url`.
 *
 * @example
 * const store = await openStore('sqlite:///var/lib/portico/state.db');
 */
export async function openStore(url: string): Promise<Store> {
  const { scheme, location, options } = parseStoreUrl(url);
  const opener = drivers.get(scheme);
  if (opener === undefined) {
    const known = [...drivers.keys()].map((name) => `${name}://`).join(', ');
    throw unsupported(`no store driver for ${scheme}:// (known: ${known})`);
  }
  return opener(location, options);
}
