import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildProgram } from './main.ts';

test('every subcommand has a description', () => {
  const program = buildProgram();
  assert.ok(program.commands.length > 0);
  for (const command of program.commands) assert.notEqual(command.description(), '', command.name());
});
