import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServiceSpec } from 'kubernetes-types/core/v1.d.ts';
import { fieldErrorString } from '../api/field-errors.ts';
import { initIPFamilyFields, isUnchangedPreferDualStack } from './ip-families.ts';
import { makeService } from './testing.ts';

function init(
  spec: ServiceSpec,
  families: ('IPv4' | 'IPv6')[],
  old?: ServiceSpec,
): { spec: ServiceSpec; errors: string[] } {
  const service = makeService('s', spec);
  const errors = initIPFamilyFields(service, old && makeService('s', old), families).map(fieldErrorString);
  return { spec: service.spec ?? {}, errors };
}

test('policy and families are defaulted from the cluster', () => {
  const cases: [string, ServiceSpec, ('IPv4' | 'IPv6')[], string, string[]][] = [
    ['plain, single-stack', { selector: { a: 'b' } }, ['IPv4'], 'SingleStack', ['IPv4']],
    ['plain, dual-stack', { selector: { a: 'b' } }, ['IPv6', 'IPv4'], 'SingleStack', ['IPv6']],
    ['prefer, single-stack', { ipFamilyPolicy: 'PreferDualStack' }, ['IPv4'], 'PreferDualStack', ['IPv4']],
    [
      'prefer, dual-stack',
      { ipFamilyPolicy: 'PreferDualStack' },
      ['IPv4', 'IPv6'],
      'PreferDualStack',
      ['IPv4', 'IPv6'],
    ],
    [
      'family from the IP',
      { clusterIP: 'fd00::9', clusterIPs: ['fd00::9'] },
      ['IPv4', 'IPv6'],
      'SingleStack',
      ['IPv6'],
    ],
    [
      'headless, no selector',
      { clusterIP: 'None', clusterIPs: ['None'] },
      ['IPv4'],
      'RequireDualStack',
      ['IPv4', 'IPv6'],
    ],
    [
      'headless single-stack',
      { clusterIP: 'None', clusterIPs: ['None'], ipFamilyPolicy: 'SingleStack' },
      ['IPv4'],
      'SingleStack',
      ['IPv4'],
    ],
  ];
  for (const [name, input, families, policy, chosen] of cases) {
    const { spec, errors } = init(input, families);
    assert.deepEqual(errors, [], name);
    assert.equal(spec.ipFamilyPolicy, policy, name);
    assert.deepEqual(spec.ipFamilies, chosen, name);
  }
});

test('ExternalName Services get no family fields', () => {
  const { spec, errors } = init({ type: 'ExternalName', externalName: 'x.example' }, ['IPv4']);
  assert.deepEqual(errors, []);
  assert.equal(spec.ipFamilyPolicy, undefined);
  assert.equal(spec.ipFamilies, undefined);
});

test('updates keep the old policy and may only drop the secondary as SingleStack', () => {
  const old: ServiceSpec = {
    ipFamilyPolicy: 'PreferDualStack',
    clusterIP: '10.0.0.5',
    clusterIPs: ['10.0.0.5', 'fd00::5'],
    ipFamilies: ['IPv4', 'IPv6'],
  };
  const kept = init(
    { clusterIP: '10.0.0.5', clusterIPs: ['10.0.0.5', 'fd00::5'], ipFamilies: ['IPv4', 'IPv6'] },
    ['IPv4', 'IPv6'],
    old,
  );
  assert.deepEqual(kept.errors, []);
  assert.equal(kept.spec.ipFamilyPolicy, 'PreferDualStack');
  const dropped = init({ ...old, ipFamilies: ['IPv4'] }, ['IPv4', 'IPv6'], old);
  assert.deepEqual(dropped.errors, [
    'spec.ipFamilyPolicy: Invalid value: "PreferDualStack": must be \'SingleStack\' to release the secondary IP family',
  ]);
  const single = init({ ...old, ipFamilyPolicy: 'SingleStack' }, ['IPv4', 'IPv6'], old);
  assert.deepEqual(single.errors, []);
  assert.deepEqual(single.spec.clusterIPs, ['10.0.0.5']);
  assert.deepEqual(single.spec.ipFamilies, ['IPv4']);
});

test('an unchanged PreferDualStack Service is left alone', () => {
  const spec: ServiceSpec = { ipFamilyPolicy: 'PreferDualStack', clusterIPs: ['10.0.0.5'], ipFamilies: ['IPv4'] };
  assert.equal(isUnchangedPreferDualStack(makeService('s', spec), makeService('s', spec)), true);
  assert.equal(isUnchangedPreferDualStack(makeService('s', spec), undefined), false);
  const changed = { ...spec, type: 'NodePort' };
  assert.equal(isUnchangedPreferDualStack(makeService('s', changed), makeService('s', spec)), false);
  assert.equal(
    isUnchangedPreferDualStack(
      makeService('s', { ...spec, ipFamilyPolicy: 'RequireDualStack' }),
      makeService('s', spec),
    ),
    false,
  );
});
