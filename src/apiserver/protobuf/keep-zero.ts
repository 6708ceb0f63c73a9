/**
 * The "keep zero" table: per message, the singular scalar fields whose zero value (`0`, `""`,
 * `false`) survives decoding. gogo-protobuf writes every non-pointer Go scalar, zero or not, so a
 * zero on the wire usually means "unset" and is dropped; these fields are the exceptions.
 */
import { allMessages } from './schema.ts';

/** Why a zero stays: a Go pointer (`*int32`: zero is a value), or a JSON tag without omitempty. */
export type KeepZeroReason = 'pointer' | 'required';

/** Message full name → field name → reason, for every singular scalar field that keeps zeros. */
export function keepZeroTable(): ReadonlyMap<string, Readonly<Record<string, KeepZeroReason>>> {
  const table = new Map<string, Record<string, KeepZeroReason>>();
  for (const [name, message] of allMessages()) {
    const kept: Record<string, KeepZeroReason> = {};
    for (const field of message.fields) {
      if (field.scalar === undefined || field.repeated || field.map || !field.keepsZero) continue;
      kept[field.name] = field.pointer ? 'pointer' : 'required';
    }
    if (Object.keys(kept).length > 0) table.set(name, kept);
  }
  return table;
}
