/** Network namespaces, bridges and veths for pods, as `ip` commands behind an injectable runner. */
export {
  addAddress,
  addBridge,
  addDefaultRoute,
  addNamespace,
  addRoute,
  addVethPair,
  deleteLink,
  deleteNamespace,
  enableIPForwarding,
  linkExists,
  listNamespaces,
  setLinkUp,
  setMaster,
  type VethPair,
} from './ip.ts';
export {
  checkInterfaceName,
  checkNamespaceName,
  MAX_INTERFACE_NAME,
  NAME_PREFIX,
  NetnsNameError,
  podVethNames,
} from './names.ts';
export {
  setupNodeBridge,
  setupPodNetwork,
  teardownNodeBridge,
  teardownPodNetwork,
  type NodeBridgeSpec,
  type PodNetwork,
  type PodNetworkSpec,
  type PodNetworkTeardown,
} from './pod-network.ts';
export {
  FakeCommandRunner,
  CommandError,
  CommandTimeoutError,
  runChecked,
  spawnCommand,
  type CommandOptions,
  type CommandResult,
  type CommandRunner,
} from './runner.ts';
