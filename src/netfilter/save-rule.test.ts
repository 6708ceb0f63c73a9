import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRuleLine } from './parse-rule.ts';
import { renderSavedProbability, storedProbability } from './probability.ts';
import { renderSaveRule, restoreLineToSaveLine } from './save-rule.ts';
import { vectors, vectorsSkipReason } from './testdata.ts';

test('all 110 restore-line → iptables-save-line pairs from real iptables 1.8.9', { skip: vectorsSkipReason }, () => {
  const pairs = vectors?.iptablesSaveRenderingVectors.pairs ?? [];
  assert.equal(pairs.length, 110);
  for (const pair of pairs) {
    const family = pair.ipFamily === 'IPv4' ? 4 : 6;
    assert.equal(restoreLineToSaveLine(pair.restoreLine, family), pair.iptablesSaveLine, pair.restoreLine);
  }
});

test('saved lines are fixed points: rendering a saved line again changes nothing', { skip: vectorsSkipReason }, () => {
  for (const pair of vectors?.iptablesSaveRenderingVectors.pairs ?? []) {
    const family = pair.ipFamily === 'IPv4' ? 4 : 6;
    assert.equal(restoreLineToSaveLine(pair.iptablesSaveLine, family), pair.iptablesSaveLine);
  }
});

test('probability vectors: lround(p·2^31)/2^31 printed with %.11f', { skip: vectorsSkipReason }, () => {
  const rows = vectors?.probabilityVectors ?? [];
  assert.ok(rows.length >= 10);
  for (const row of rows) {
    assert.equal(renderSavedProbability(Number(row.restoreInput)), row.iptablesSaveOutput, `n=${row.n}`);
  }
});

test('probability printing is exact, ties going to even as printf does', () => {
  assert.equal(storedProbability(0.0002441406), 2 ** 19);
  assert.equal(renderSavedProbability(0.0002441406), '0.00024414062');
  assert.equal(renderSavedProbability(0), '0.00000000000');
});

test('MARK, REJECT and recent get their canonical save forms', () => {
  const save = (line: string, family: 4 | 6 = 4): string => restoreLineToSaveLine(line, family);
  assert.equal(save('-A X -j MARK --and-mark 0xff'), '-A X -j MARK --set-xmark 0x0/0xffffff00');
  assert.equal(save('-A X -j MARK --set-mark 0x10/0x30'), '-A X -j MARK --set-xmark 0x10/0x30');
  assert.equal(save('-A X -j REJECT', 6), '-A X -j REJECT --reject-with icmp6-port-unreachable');
  assert.equal(save('-A X -j REJECT --reject-with tcp-reset'), '-A X -j REJECT --reject-with tcp-reset');
  assert.equal(save('-A X -m recent --set'), '-A X -m recent --set --name DEFAULT --mask 255.255.255.255 --rsource');
  assert.equal(
    save('-A X -m recent --name L --rdest --update --hitcount 3 --mask ffff:ffff::', 6),
    '-A X -m recent --update --hitcount 3 --name L --mask ffff:ffff:: --rdest',
  );
});

test('header order, masks, conntrack state order, marks without a mask', () => {
  const line =
    '-A X -m conntrack --ctstate ESTABLISHED,NEW -p TCP -o eth1 -i cni+ -d 10.1.2.3/16 ! -s 192.168.0.5 -m mark --mark 16384 -j ACCEPT';
  assert.equal(
    renderSaveRule(parseRuleLine(line), 4),
    '-A X ! -s 192.168.0.5/32 -d 10.1.0.0/16 -i cni+ -o eth1 -p tcp -m conntrack --ctstate NEW,ESTABLISHED -m mark --mark 0x4000 -j ACCEPT',
  );
});

test('counters are printed as a [pkts:bytes] prefix on request', () => {
  const rule = parseRuleLine('[5:300] -A INPUT -j ACCEPT');
  assert.equal(renderSaveRule(rule, 4, true), '[5:300] -A INPUT -j ACCEPT');
  assert.equal(renderSaveRule(rule, 4), '-A INPUT -j ACCEPT');
});
