import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { spawnProcess } from './spawn-process.ts';

const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };

/** The live (not zombie) processes whose process group is `pgid`, read from /proc. */
function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp ...: comm may hold spaces, so split after its closing parenthesis.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') members.push(Number(name));
  }
  return members;
}

async function untilGroupGone(pgid: number): Promise<number[]> {
  let members = groupMembers(pgid);
  for (let i = 0; i < 200 && members.length > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    members = groupMembers(pgid);
  }
  return members;
}

async function untilGroupHas(pgid: number, count: number): Promise<void> {
  for (let i = 0; i < 200 && groupMembers(pgid).length < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('SIGTERM to a container reaches the processes its shell started: none of its group is left', async () => {
  const child = await spawnProcess(['sh', '-c', 'sleep 1000 & sleep 1000 & wait'], env);
  await untilGroupHas(child.pid, 3);
  assert.ok(groupMembers(child.pid).length >= 3, 'the shell and its two sleeps run in one group');
  child.kill('SIGTERM');
  assert.notEqual(await child.exited, 0);
  assert.deepEqual(await untilGroupGone(child.pid), []);
});

test('SIGKILL takes the whole group too', async () => {
  const child = await spawnProcess(['sh', '-c', 'trap "" TERM; sleep 1000 & wait'], env);
  await untilGroupHas(child.pid, 2);
  child.kill('SIGKILL');
  assert.equal(await child.exited, 128 + 9);
  assert.deepEqual(await untilGroupGone(child.pid), []);
});

test(
  'what a container left running in the background ends with it, and its output ends',
  { timeout: 30_000 },
  async () => {
    let outputEnded: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (outputEnded = resolve));
    const child = await spawnProcess(['sh', '-c', 'sleep 1000 & echo started'], env, undefined, outputEnded);
    assert.equal(await child.exited, 0);
    assert.deepEqual(await untilGroupGone(child.pid), []);
    // The background sleep no longer holds the output open (else the test times out).
    await ended;
  },
);
