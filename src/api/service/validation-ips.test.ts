import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import {
  clusterIPService as cip,
  loadBalancerService as lb,
  nodePortService as np,
  validationLines,
} from './test-fixtures.ts';

const IP_MSG = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
const CIDR_MSG = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

const cases: [string, Service, string[]][] = [
  [
    'headless NodePort',
    np({ clusterIP: 'None', clusterIPs: ['None'] }),
    ['spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services'],
  ],
  [
    'headless LoadBalancer',
    lb({ clusterIP: 'None', clusterIPs: ['None'] }),
    ['spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for LoadBalancer services'],
  ],
  [
    'clusterIPs[0] differing from clusterIP',
    cip({ clusterIPs: ['10.96.0.11'] }),
    ['spec.clusterIPs: Invalid value: []string{"10.96.0.11"}: first value must match `clusterIP`'],
  ],
  [
    'clusterIPs without clusterIP',
    cip({ clusterIP: '', clusterIPs: ['10.96.0.11'] }),
    ['spec.clusterIPs: Invalid value: []string{"10.96.0.11"}: must be empty when `clusterIP` is not specified'],
  ],
  ['clusterIP without clusterIPs', cip({ clusterIPs: [] }), ['spec.clusterIPs: Required value']],
  [
    'bad external IPs',
    cip({
      externalIPs: ['1.2.3', '127.0.0.1', '0.0.0.0', '169.254.1.1', '224.0.0.5', '192.0.2.10'],
      externalTrafficPolicy: 'Cluster',
    }),
    [
      `spec.externalIPs[0]: Invalid value: "1.2.3": ${IP_MSG}`,
      'spec.externalIPs[1]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      'spec.externalIPs[2]: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)',
      'spec.externalIPs[3]: Invalid value: "169.254.1.1": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
      'spec.externalIPs[4]: Invalid value: "224.0.0.5": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
    ],
  ],
  [
    'external IPs make a ClusterIP Service need externalTrafficPolicy',
    cip({ externalIPs: ['192.0.2.10'] }),
    ['spec.externalTrafficPolicy: Required value'],
  ],
  [
    'loadBalancerSourceRanges outside LoadBalancer, one not a CIDR',
    cip({ loadBalancerSourceRanges: [' 10.0.0.0/8 ', '10.0.0.1'] }),
    [
      "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
      `spec.LoadBalancerSourceRanges[1]: Invalid value: "10.0.0.1": ${CIDR_MSG}`,
    ],
  ],
  [
    'the source-ranges annotation',
    cip({}, { annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8, x' } }),
    [
      "metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]: Forbidden: may only be used when `type` is 'LoadBalancer'",
      `metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]: Invalid value: "x": ${CIDR_MSG}`,
    ],
  ],
  [
    'unknown IP families and policy',
    cip({ ipFamilies: ['IPv5', 'IPv5'], ipFamilyPolicy: 'Dual' }),
    [
      'spec.ipFamilies[0]: Unsupported value: "IPv5": supported values: "IPv4", "IPv6"',
      'spec.ipFamilies[1]: Unsupported value: "IPv5": supported values: "IPv4", "IPv6"',
      'spec.ipFamilies[1]: Duplicate value: "IPv5"',
      'spec.ipFamilyPolicy: Unsupported value: "Dual": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"',
    ],
  ],
  [
    'None with a second IP',
    cip({ clusterIP: 'None', clusterIPs: ['None', '10.96.0.1'] }),
    ['spec.clusterIPs: Invalid value: []string{"None", "10.96.0.1"}: \'None\' must be the first and only value'],
  ],
  [
    'three cluster IPs, one invalid',
    cip({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10', 'x', 'fd00::1'] }),
    [
      `spec.clusterIPs[1]: Invalid value: "x": ${IP_MSG}`,
      'spec.clusterIPs: Invalid value: []string{"10.96.0.10", "x", "fd00::1"}: may only hold up to 2 values',
    ],
  ],
  [
    'two IPv4 cluster IPs',
    cip({ clusterIPs: ['10.96.0.10', '10.96.0.11'], ipFamilies: ['IPv4'] }),
    [
      'spec.clusterIPs: Invalid value: []string{"10.96.0.10", "10.96.0.11"}: may specify no more than one IP for each IP family',
    ],
  ],
  [
    'an IP of the wrong family',
    cip({ clusterIP: 'fd00::10', clusterIPs: ['fd00::10'], ipFamilies: ['IPv4'] }),
    ['spec.clusterIPs[0]: Invalid value: "fd00::10": expected an IPv4 value as indicated by `ipFamilies[0]`'],
  ],
];

for (const [name, svc, expected] of cases) {
  test(`validateService: ${name}`, () => {
    assert.deepEqual(validationLines(svc), expected);
  });
}
