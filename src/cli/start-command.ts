import type { Command } from 'commander';

const capabilities = `Portico — Kubernetes Services networking, whole and real.

What works today:
  portico --help            every command and its flags

The local multi-node cluster (\`portico up\`) is not built yet: \`npm start\` will run it once it exists.
`;

/** `portico start`: what `npm start` runs. Until the local cluster exists it says what Portico can do. */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('the main job (prints what Portico can do today)')
    .action(() => {
      process.stdout.write(capabilities);
    });
}
