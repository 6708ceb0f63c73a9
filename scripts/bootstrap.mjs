// Installs what is missing before `npm start`, `npm test` and `npm run bench`, and says what it does.
// Plain Node.js with no dependencies: it runs before node_modules exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Debian packages Portico drives on a node, keyed by the command it needs from each. */
const debianPackages = [
  { command: 'iptables-restore', pkg: 'iptables' },
  { command: 'nft', pkg: 'nftables' },
  { command: 'ip', pkg: 'iproute2' },
  { command: 'conntrack', pkg: 'conntrack' },
  { command: 'nfacct', pkg: 'nfacct' },
  { command: 'unshare', pkg: 'util-linux' },
  { command: 'nsenter', pkg: 'util-linux' },
  { command: 'curl', pkg: 'curl' },
];

function say(message) {
  console.log(`[bootstrap] ${message}`);
}

function run(cmd, args) {
  say(`running: ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

function hasCommand(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function npmDependenciesUpToDate() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (!existsSync(installed)) return false;
  return statSync(installed).mtimeMs >= statSync(lock).mtimeMs;
}

function ensureNpmDependencies() {
  if (npmDependenciesUpToDate()) return;
  say('npm packages are missing or older than package-lock.json; installing them');
  if (!run('npm', ['ci', '--no-audit', '--no-fund'])) {
    say('npm ci failed');
    process.exit(1);
  }
}

function ensureDebianPackages() {
  const missing = [...new Set(debianPackages.filter((p) => !hasCommand(p.command)).map((p) => p.pkg))];
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !hasCommand('apt-get')) {
    say(`not installing ${missing.join(', ')} (needs root and apt-get); tests that need them will skip and say why`);
    return;
  }
  say(`installing Debian packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env }).status ===
    0;
  if (install()) return;
  say('apt-get install failed; refreshing the package lists and trying once more');
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  if (!install()) say(`could not install ${missing.join(', ')}; tests that need them will skip and say why`);
}

ensureNpmDependencies();
ensureDebianPackages();
