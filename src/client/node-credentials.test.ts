import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  isKubeletClientToken,
  issueNodeToken,
  kubeletClientToken,
  parseNodeToken,
  verifyNodeToken,
} from './node-credentials.ts';

const secret = fc.stringMatching(/^[0-9a-f]{8,64}$/);
const nodeName = fc.stringMatching(/^[a-z0-9]([-a-z0-9.]{0,30}[a-z0-9])?$/);

test('a node token names its node and verifies only against the server that issued it', () => {
  fc.assert(
    fc.property(secret, secret, nodeName, (admin, otherAdmin, name) => {
      fc.pre(admin !== otherAdmin);
      const token = issueNodeToken(kubeletClientToken(admin), name);
      assert.equal(parseNodeToken(token)?.nodeName, name);
      assert.equal(verifyNodeToken(kubeletClientToken(admin), token), name);
      assert.equal(verifyNodeToken(kubeletClientToken(otherAdmin), token), undefined);
    }),
  );
});

test('a token with another name or a changed mac does not verify', () => {
  const client = kubeletClientToken('admin');
  const token = issueNodeToken(client, 'n1');
  assert.equal(verifyNodeToken(client, token.replace('node:n1:', 'node:n2:')), undefined);
  const last = token.endsWith('0') ? '1' : '0';
  assert.equal(verifyNodeToken(client, token.slice(0, -1) + last), undefined);
  assert.equal(verifyNodeToken(client, 'admin'), undefined);
  assert.equal(parseNodeToken('node:Bad_Name:' + '0'.repeat(64)), undefined);
});

test('a kubelet accepts the kubelet-client token and nothing else, whichever token it runs with', () => {
  fc.assert(
    fc.property(secret, nodeName, fc.string(), (admin, name, other) => {
      const client = kubeletClientToken(admin);
      const nodeToken = issueNodeToken(client, name);
      for (const own of [admin, nodeToken]) {
        assert.equal(isKubeletClientToken(own, client), true);
        for (const refused of [admin, nodeToken, issueNodeToken(client, `${name}x`), other]) {
          if (refused !== client) assert.equal(isKubeletClientToken(own, refused), false);
        }
      }
      assert.equal(isKubeletClientToken('', ''), false);
    }),
  );
});
