/** The `memory://` driver: a log in this process's memory, gone when the process ends. */
import { unsupported } from '../errors.ts';
import { LogStore, type LogStoreOptions } from '../log/log-store.ts';
import type { Store } from '../types.ts';
import { MemoryLog } from './memory-log.ts';

/** A new, empty in-memory store. */
export function openMemoryStore(options: LogStoreOptions = {}): Store {
  return new LogStore('memory', new MemoryLog(), options);
}

/** Opens `memory://`, which takes neither a location nor options. */
export function openMemoryUrl(location: string, options: ReadonlyMap<string, string>): Store {
  if (location !== '') throw unsupported(`memory:// takes no location, got memory://${location}`);
  const [name] = options.keys();
  if (name !== undefined) throw unsupported(`memory:// has no option ${JSON.stringify(name)}`);
  return openMemoryStore();
}
