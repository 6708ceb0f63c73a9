/** Hardened `node:http` listeners (see guarded-server.ts). */
export { createGuardedServer, parseRequestTarget } from './guarded-server.ts';
export type { GuardOptions, GuardedHandler, RequestTarget } from './guarded-server.ts';
