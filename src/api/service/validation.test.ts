import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import {
  clusterIPService as cip,
  loadBalancerService as lb,
  nodePortService as np,
  validationLines,
} from './test-fixtures.ts';

const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, " +
  "and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is " +
  "'[a-z]([-a-z0-9]*[a-z0-9])?')";
const RFC1123_LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end " +
  "with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is " +
  "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const QUALIFIED_NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an " +
  "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is " +
  "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

const headless = (spec: Partial<NonNullable<Service['spec']>> = {}): Service =>
  cip({ clusterIP: 'None', clusterIPs: ['None'], ...spec });

function withoutInternalTrafficPolicy(svc: Service): Service {
  const spec = { ...svc.spec };
  delete spec.internalTrafficPolicy;
  return { ...svc, spec };
}

const cases: [string, Service, string[]][] = [
  ['a defaulted ClusterIP Service is valid', cip(), []],
  ['NodePort is valid', np(), []],
  ['LoadBalancer is valid', lb(), []],
  [
    'LoadBalancer Local with a healthCheckNodePort is valid',
    lb({ externalTrafficPolicy: 'Local', healthCheckNodePort: 30500 }),
    [],
  ],
  ['headless needs no ports', headless({ ports: [] }), []],
  // §8 catalogue
  [
    'nodePort on a ClusterIP Service',
    cip({ ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }] }),
    ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
  ],
  [
    'several unnamed ports sharing a nodePort',
    np({
      ports: [
        { port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30100 },
        { port: 81, protocol: 'TCP', targetPort: 81, nodePort: 30100 },
      ],
    }),
    [
      'spec.ports[0].name: Required value',
      'spec.ports[1].name: Required value',
      'spec.ports[1].nodePort: Duplicate value: 30100',
    ],
  ],
  [
    'the same port twice',
    cip({
      ports: [
        { name: 'a', port: 80, protocol: 'TCP', targetPort: 80 },
        { name: 'b', port: 80, protocol: 'TCP', targetPort: 8080 },
      ],
    }),
    [
      'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ],
  ],
  [
    'a name that is not a DNS-1035 label',
    cip({}, { name: 'Bad_Name' }),
    [`metadata.name: Invalid value: "Bad_Name": ${DNS1035}`],
  ],
  ['no ports', cip({ ports: [] }), ['spec.ports: Required value']],
  [
    'port 0',
    cip({ ports: [{ port: 0, protocol: 'TCP', targetPort: 80 }] }),
    ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'],
  ],
  [
    'an unknown protocol',
    cip({ ports: [{ port: 80, protocol: 'X', targetPort: 80 }] }),
    ['spec.ports[0].protocol: Unsupported value: "X": supported values: "SCTP", "TCP", "UDP"'],
  ],
  [
    'an unknown type',
    cip({ type: 'X' }),
    ['spec.type: Unsupported value: "X": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
  ],
  [
    'an unknown session affinity',
    cip({ sessionAffinity: 'Sticky' }),
    ['spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"'],
  ],
  [
    'externalTrafficPolicy on a ClusterIP Service',
    cip({ externalTrafficPolicy: 'Local' }),
    ['spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services'],
  ],
  [
    'healthCheckNodePort without LoadBalancer+Local',
    np({ healthCheckNodePort: 30500 }),
    [
      "spec.healthCheckNodePort: Invalid value: 30500: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
    ],
  ],
  [
    'an uppercase port name',
    cip({ ports: [{ name: 'Foo', port: 80, protocol: 'TCP', targetPort: 80 }] }),
    [`spec.ports[0].name: Invalid value: "Foo": ${RFC1123_LABEL}`],
  ],
  [
    'a port name with a dot',
    cip({ ports: [{ name: 'a.b', port: 80, protocol: 'TCP', targetPort: 80 }] }),
    ['spec.ports[0].name: Invalid value: "a.b": must not contain dots'],
  ],
  [
    'the same port name twice',
    cip({
      ports: [
        { name: 'http', port: 80, protocol: 'TCP', targetPort: 80 },
        { name: 'http', port: 81, protocol: 'TCP', targetPort: 81 },
      ],
    }),
    ['spec.ports[1].name: Duplicate value: "http"'],
  ],
  [
    'a targetPort name that is not an IANA service name',
    cip({ ports: [{ port: 80, protocol: 'TCP', targetPort: 'HTTP--WEB-' }] }),
    [
      'spec.ports[0].targetPort: Invalid value: "HTTP--WEB-": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.ports[0].targetPort: Invalid value: "HTTP--WEB-": must contain at least one letter (a-z)',
      'spec.ports[0].targetPort: Invalid value: "HTTP--WEB-": must not contain consecutive hyphens',
      'spec.ports[0].targetPort: Invalid value: "HTTP--WEB-": must not begin or end with a hyphen',
    ],
  ],
  [
    'a long targetPort name',
    cip({ ports: [{ port: 80, protocol: 'TCP', targetPort: 'abcdefghijklmnop' }] }),
    ['spec.ports[0].targetPort: Invalid value: "abcdefghijklmnop": must be no more than 15 characters'],
  ],
  [
    'targetPort out of range',
    cip({ ports: [{ port: 80, protocol: 'TCP', targetPort: 65536 }] }),
    ['spec.ports[0].targetPort: Invalid value: 65536: must be between 1 and 65535, inclusive'],
  ],
  [
    'an appProtocol that is not a qualified name',
    cip({ ports: [{ port: 80, protocol: 'TCP', targetPort: 80, appProtocol: 'h2 c' }] }),
    [`spec.ports[0].appProtocol: Invalid value: "h2 c": ${QUALIFIED_NAME_PART}`],
  ],
  [
    'a ClientIP timeout of 0',
    cip({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } }),
    [
      'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400',
    ],
  ],
  [
    'a ClientIP timeout over a day',
    cip({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86401 } } }),
    [
      'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400',
    ],
  ],
  [
    'a ClientIP timeout of exactly a day',
    cip({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86400 } } }),
    [],
  ],
  [
    'ClientIP without its config',
    cip({ sessionAffinity: 'ClientIP' }),
    ['spec.sessionAffinityConfig: Required value: when session affinity type is ClientIP'],
  ],
  [
    'ClientIP config without a timeout',
    cip({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: {} } }),
    ['spec.sessionAffinityConfig.clientIP.timeoutSeconds: Required value: when session affinity type is ClientIP'],
  ],
  [
    'an affinity config with affinity None',
    cip({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 10 } } }),
    ['spec.sessionAffinityConfig: Forbidden: must not be set when session affinity is None'],
  ],
  ['no sessionAffinity', cip({ sessionAffinity: '' }), ['spec.sessionAffinity: Required value']],
  [
    'an invalid selector',
    cip({ selector: { 'a b': 'x' } }),
    [`spec.selector: Invalid value: "a b": ${QUALIFIED_NAME_PART}`],
  ],
  [
    'allocateLoadBalancerNodePorts outside LoadBalancer',
    np({ allocateLoadBalancerNodePorts: true }),
    ["spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'"],
  ],
  [
    'LoadBalancer without allocateLoadBalancerNodePorts (upstream path lacks spec.)',
    np({ type: 'LoadBalancer' }),
    ['allocateLoadBalancerNodePorts: Required value'],
  ],
  [
    'loadBalancerClass outside LoadBalancer',
    np({ loadBalancerClass: 'example.com/lb' }),
    ["spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'"],
  ],
  [
    'a bad loadBalancerClass',
    lb({ loadBalancerClass: 'a/b/c' }),
    [
      "spec.loadBalancerClass: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ],
  ],
  [
    'NodePort without externalTrafficPolicy',
    np({ externalTrafficPolicy: '' }),
    ['spec.externalTrafficPolicy: Required value'],
  ],
  [
    'an unknown externalTrafficPolicy',
    np({ externalTrafficPolicy: 'Global' }),
    ['spec.externalTrafficPolicy: Unsupported value: "Global": supported values: "Cluster", "Local"'],
  ],
  [
    'LoadBalancer Local without healthCheckNodePort',
    lb({ externalTrafficPolicy: 'Local' }),
    ['spec.healthCheckNodePort: Required value'],
  ],
  [
    'a healthCheckNodePort out of range',
    lb({ externalTrafficPolicy: 'Local', healthCheckNodePort: 70000 }),
    ['spec.healthCheckNodePort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
  ],
  ['no internalTrafficPolicy', withoutInternalTrafficPolicy(cip()), ['spec.internalTrafficPolicy: Required value']],
  [
    'an unknown internalTrafficPolicy',
    cip({ internalTrafficPolicy: 'Node' }),
    ['spec.internalTrafficPolicy: Unsupported value: "Node": supported values: "Cluster", "Local"'],
  ],
  [
    'an unknown trafficDistribution',
    cip({ trafficDistribution: 'Nearby' }),
    [
      'spec.trafficDistribution: Unsupported value: "Nearby": supported values: "PreferClose", "PreferSameZone", "PreferSameNode"',
    ],
  ],
  ['PreferSameNode is accepted', cip({ trafficDistribution: 'PreferSameNode' }), []],
  [
    'the two topology annotations disagreeing',
    cip(
      {},
      {
        annotations: {
          'service.kubernetes.io/topology-mode': 'Auto',
          'service.kubernetes.io/topology-aware-hints': 'auto',
        },
      },
    ),
    [
      'metadata.annotations[service.kubernetes.io/topology-mode]: Invalid value: "Auto": must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified',
    ],
  ],
];

for (const [name, svc, expected] of cases) {
  test(`validateService: ${name}`, () => {
    assert.deepEqual(validationLines(svc), expected);
  });
}
