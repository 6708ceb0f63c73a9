/**
 * What a node's live `iptables-save` says about kube-proxy's progress. `up` reads the kernel rather than trusting
 * `/healthz`: kube-proxy (like upstream's) answers 200 from the moment it sees its Node, before its first sync has
 * written a single rule, so "healthy" does not mean "programmed".
 */

/**
 * True once a sync has written the node's rules: every sync, full or partial, ends `KUBE-SERVICES` with the jump to
 * `KUBE-NODEPORTS` (upstream's "kubernetes service nodeports" rule).
 */
export function rulesProgrammed(saved: string): boolean {
  return saved.split('\n').some((line) => line.startsWith('-A KUBE-SERVICES ') && line.endsWith(' -j KUBE-NODEPORTS'));
}

/**
 * The endpoints (`ip:port`) the rules send traffic for `service` (`namespace/name`) to, and whether its
 * `nodePort` rule is in: the DNAT targets of the Service's endpoint chains.
 */
export function nodePortProgramming(
  saved: string,
  service: string,
  nodePort: number,
): { readonly nodePortRule: boolean; readonly endpoints: readonly string[] } {
  const comment = `--comment "${service}"`;
  const lines = saved.split('\n').filter((line) => line.includes(comment));
  const nodePortRule = lines.some(
    (line) => line.startsWith('-A KUBE-NODEPORTS ') && line.includes(` --dport ${nodePort} `),
  );
  const endpoints = new Set<string>();
  for (const line of lines) {
    const target = / -j DNAT --to-destination (\S+)/.exec(line)?.[1];
    if (line.startsWith('-A KUBE-SEP-') && target !== undefined) endpoints.add(target);
  }
  return { nodePortRule, endpoints: [...endpoints].sort() };
}
