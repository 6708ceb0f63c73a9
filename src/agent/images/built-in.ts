/**
 * Which images Portico can run without a `command`: the ones whose behaviour is built in as a Node.js program.
 * Portico runs processes, not images, so every other image needs the pod to say what to run.
 */
import { fileURLToPath } from 'node:url';
import { ImageArgsError } from './flags.ts';
import { parseNetexecArgs } from './netexec.ts';
import { parseServeHostnameArgs } from './serve-hostname.ts';

/** The built-in programs, as `main.ts` names them in its first argument. */
export type BuiltInProgram = 'echo' | 'netexec' | 'serve-hostname';

/** The image name (without tag) of Portico's echo server. */
export const ECHO_IMAGE = 'portico/echo';
/** The agnhost image name (without tag) whose `netexec` and `serve-hostname` verbs are built in. */
export const AGNHOST_IMAGE = 'registry.k8s.io/e2e-test-images/agnhost';

/** The container waiting reason for an image Portico cannot run: there is nothing to pull, ever. */
export const REASON_IMAGE_NEVER_PULL = 'ErrImageNeverPull';
/** The container waiting reason for a built-in image given arguments it does not understand. */
export const REASON_RUN_CONTAINER_ERROR = 'RunContainerError';

/** How to run a built-in image: `argv` is the whole process command line, argv[0] the Node.js binary. */
export interface BuiltInImageRun {
  readonly ok: true;
  readonly program: BuiltInProgram;
  readonly argv: readonly string[];
}

/** Why an image cannot run: a Kubernetes container waiting reason and a message for the pod's status. */
export interface BuiltInImageRefusal {
  readonly ok: false;
  readonly reason: typeof REASON_IMAGE_NEVER_PULL | typeof REASON_RUN_CONTAINER_ERROR;
  readonly message: string;
}

/** The path of the entry that runs a built-in program (`node --import tsx main.ts <program> ...args`). */
export const IMAGE_MAIN_PATH = fileURLToPath(new URL('./main.ts', import.meta.url));

/** The name without registry digest or tag: `repo/name:tag` and `repo/name@sha256:…` both give `repo/name`. */
export function imageName(image: string): string {
  const withoutDigest = image.split('@')[0] ?? '';
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}

/**
 * Says how to run `image` with the container's `args` when the container has no `command`, or why it cannot.
 *
 * @example
 * builtInImageCommand('registry.k8s.io/e2e-test-images/agnhost:2.52', ['netexec', '--http-port=8080']);
 * // → { ok: true, program: 'netexec', argv: [node, '--import', <tsx>, <main.ts>, 'netexec', '--http-port=8080'] }
 */
export function builtInImageCommand(image: string, args: readonly string[]): BuiltInImageRun | BuiltInImageRefusal {
  const name = imageName(image);
  if (name === ECHO_IMAGE) {
    if (args.length > 0) return runError(`${ECHO_IMAGE} takes no arguments (it reads PORT), got: ${args.join(' ')}`);
    return run('echo', []);
  }
  if (name === AGNHOST_IMAGE) return agnhostCommand(args);
  return {
    ok: false,
    reason: REASON_IMAGE_NEVER_PULL,
    message:
      `image "${image}" is not built in: Portico runs processes, not images, so the container needs a \`command\`` +
      ` (built-in images: ${ECHO_IMAGE}, ${AGNHOST_IMAGE} netexec / serve-hostname)`,
  };
}

function agnhostCommand(args: readonly string[]): BuiltInImageRun | BuiltInImageRefusal {
  const [verb, ...rest] = args;
  try {
    if (verb === 'netexec') parseNetexecArgs(rest);
    else if (verb === 'serve-hostname') parseServeHostnameArgs(rest);
    else {
      return {
        ok: false,
        reason: REASON_IMAGE_NEVER_PULL,
        message:
          `agnhost ${verb === undefined ? 'without a verb' : `verb "${verb}"`} is not built in: Portico runs ` +
          'processes, not images; built in are `netexec` and `serve-hostname`, anything else needs a `command`',
      };
    }
  } catch (error) {
    if (error instanceof ImageArgsError) return runError(error.message);
    throw error;
  }
  return run(verb, rest);
}

function run(program: BuiltInProgram, args: readonly string[]): BuiltInImageRun {
  // The loader is resolved to a file URL so the pod's working directory does not matter.
  const loader = import.meta.resolve('tsx');
  return { ok: true, program, argv: [process.execPath, '--import', loader, IMAGE_MAIN_PATH, program, ...args] };
}

function runError(message: string): BuiltInImageRefusal {
  return { ok: false, reason: REASON_RUN_CONTAINER_ERROR, message };
}
