/** The built-in images: programs Portico runs for `portico/echo` and agnhost when a container has no command. */
export {
  AGNHOST_IMAGE,
  builtInImageCommand,
  ECHO_IMAGE,
  IMAGE_MAIN_PATH,
  imageName,
  REASON_IMAGE_NEVER_PULL,
  REASON_RUN_CONTAINER_ERROR,
  type BuiltInImageRefusal,
  type BuiltInImageRun,
  type BuiltInProgram,
} from './built-in.ts';
export { ECHO_DEFAULT_PORT, echoHandler, startEcho, type EchoIdentity, type EchoReply } from './echo.ts';
export { ImageArgsError } from './flags.ts';
export { clientAddress, listenHttp, type ImageHandler, type RunningServer } from './listen.ts';
export { netexecHandler, parseNetexecArgs, startNetexec, type NetexecOptions } from './netexec.ts';
export { runProgram } from './run-program.ts';
export { parseServeHostnameArgs, startServeHostname, type ServeHostnameOptions } from './serve-hostname.ts';
