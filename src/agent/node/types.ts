/** The two things the node agent drives but does not do itself: pod networking and starting processes. */

/** What a pod's network needs: its namespace name, its IP, and the node's pod CIDR it comes from. */
export interface PodNetworkRequest {
  /** The pod's network namespace (a `portico-` name derived from the pod's uid). */
  readonly podNamespace: string;
  readonly podIP: string;
  /** The node's `spec.podCIDR`, e.g. 10.244.1.0/24; its first address is the pod's gateway. */
  readonly podCIDR: string;
}

/** Builds and removes pod networks. The real one drives `ip` (`netnsPodNetwork`); tests use a fake. */
export interface PodNetwork {
  /** Creates the pod's namespace, veth and address; on failure it leaves nothing behind. */
  setup(request: PodNetworkRequest): Promise<void>;
  /** Removes the pod's namespace and veth by name; already-gone is not an error. */
  teardown(podNamespace: string): Promise<void>;
}

/** One container process to start. */
export interface LaunchRequest {
  /** The pod's network namespace, which the process runs in. */
  readonly podNamespace: string;
  /** The whole command line: argv[0] is the program. */
  readonly argv: readonly string[];
  /** The process's whole environment. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Where output lines go, one call per line (without its newline), with the stream it came from; a line longer
   * than 16 KiB comes in pieces, every piece but the last with `partial` true.
   */
  readonly onOutput?: (line: string, stream: 'stdout' | 'stderr', partial?: boolean) => void;
  /** Called once both output streams have ended (after the last `onOutput`). */
  readonly onOutputEnd?: () => void;
}

/** A started process. */
export interface LaunchedProcess {
  readonly pid: number;
  /** Resolves with the exit code (or 128 + signal number) once the process has ended. */
  readonly exited: Promise<number>;
  /** Sends a signal to the process and its process group; a process that has already ended is ignored. */
  kill(signal: 'SIGTERM' | 'SIGKILL'): void;
}

/** Starts container processes. The real one runs `ip netns exec`; tests run plain local processes. */
export interface ProcessLauncher {
  /** Starts the process, or throws when it cannot start (e.g. the program does not exist). */
  launch(request: LaunchRequest): Promise<LaunchedProcess>;
}
