/**
 * What a single allocator can answer besides "done": the three outcomes upstream's port and IP
 * allocators return, with their exact words.
 */

/** Why an allocator refused: the value is outside the range, already taken, or nothing is left. */
export type AllocatorErrorCode = 'NotInRange' | 'AlreadyAllocated' | 'RangeFull';

/** A refusal with the message upstream prints (it ends up in `Status` messages byte for byte). */
export interface AllocatorError {
  readonly code: AllocatorErrorCode;
  readonly message: string;
}

/** Either the allocated value or why there is none. */
export type AllocateResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AllocatorError };

/** `ErrFull` of both allocators. */
export const RANGE_FULL_MESSAGE = 'range is full';
/** `ErrAllocated` of the port allocator. */
export const PORT_ALLOCATED_MESSAGE = 'provided port is already allocated';
/** `ErrAllocated` of the IP allocator. */
export const IP_ALLOCATED_MESSAGE = 'provided IP is already allocated';

/** `ErrNotInRange` of the port allocator: `provided port is not in the valid range. The range of valid ports is 30000-32767`. */
export function portNotInRangeMessage(validPorts: string): string {
  return `provided port is not in the valid range. The range of valid ports is ${validPorts}`;
}

/** `ErrNotInRange` of the IP allocator: `the provided IP (1.1.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12`. */
export function ipNotInRangeMessage(ip: string, validRange: string): string {
  return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${validRange}`;
}

/** The value, as a successful result. */
export function allocated<T>(value: T): AllocateResult<T> {
  return { ok: true, value };
}

/** The error, as a failed result. */
export function refused<T>(code: AllocatorErrorCode, message: string): AllocateResult<T> {
  return { ok: false, error: { code, message } };
}

/** A bare error, for operations that return nothing on success. */
export function allocatorError(code: AllocatorErrorCode, message: string): AllocatorError {
  return { code, message };
}
