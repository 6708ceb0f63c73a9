/**
 * The texts of Service allocation failures, word for word as kube-apiserver's service registry
 * (storage/alloc.go) writes them; they reach users inside `Status` messages.
 */

/** Pool exhausted while picking a nodePort: `failed to allocate a nodePort: range is full`. */
export function nodePortExhaustedMessage(reason: string): string {
  return `failed to allocate a nodePort: ${reason}`;
}

/** Pool exhausted while picking a ClusterIP: `failed to allocate a serviceIP: range is full`. */
export function serviceIPExhaustedMessage(reason: string): string {
  return `failed to allocate a serviceIP: ${reason}`;
}

/** A requested ClusterIP could not be had: `failed to allocate IP 10.96.0.5: provided IP is already allocated`. */
export function requestedIPMessage(ip: string, reason: string): string {
  return `failed to allocate IP ${ip}: ${reason}`;
}

/** A requested ClusterIP is not an address: `failed to parse service IP "x"`. */
export function unparsableIPMessage(ip: string): string {
  return `failed to parse service IP ${JSON.stringify(ip)}`;
}

/** A requested healthCheckNodePort could not be had (an internal error upstream, not a field error). */
export function requestedHealthCheckPortMessage(port: number, reason: string): string {
  return `failed to allocate requested HealthCheck NodePort ${port}: ${reason}`;
}

/**
 * No healthCheckNodePort left. Upstream prints the port it failed to get, which is always 0:
 * `failed to allocate a HealthCheck NodePort 0: range is full`.
 */
export function healthCheckPortExhaustedMessage(reason: string): string {
  return `failed to allocate a HealthCheck NodePort 0: ${reason}`;
}

/** Two ports of one Service ended up with the same protocol and nodePort: `duplicate nodePort: {TCP 30001}`. */
export function duplicateNodePortMessage(protocol: string, nodePort: number): string {
  return `duplicate nodePort: {${protocol} ${nodePort}}`;
}
