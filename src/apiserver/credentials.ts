/**
 * What the API server creates on first start in its data directory: a CA, a serving certificate signed by it (for
 * the addresses clients use), and an admin bearer token. Later starts reuse them, so kubeconfigs stay valid.
 * Certificates come from the `openssl` command, which every Debian machine has.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** PEM texts and the token the server needs. */
export interface ServerCredentials {
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly adminToken: string;
}

const files = {
  caCert: 'ca.crt',
  caKey: 'ca.key',
  serverCert: 'apiserver.crt',
  serverKey: 'apiserver.key',
  token: 'admin-token',
};

function openssl(args: readonly string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function createCertificates(dir: string, altNames: readonly string[]): void {
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    [
      'req',
      '-x509',
      ...ecKey,
      '-keyout',
      files.caKey,
      '-out',
      files.caCert,
      '-days',
      '3650',
      '-subj',
      '/CN=portico-ca',
    ],
    dir,
  );
  openssl(
    ['req', ...ecKey, '-keyout', files.serverKey, '-out', 'apiserver.csr', '-subj', '/CN=portico-apiserver'],
    dir,
  );
  writeFileSync(join(dir, 'apiserver.ext'), `subjectAltName=${altNames.join(',')}\nextendedKeyUsage=serverAuth\n`);
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'apiserver.csr',
      '-CA',
      files.caCert,
      '-CAkey',
      files.caKey,
      '-CAcreateserial',
      '-out',
      files.serverCert,
      '-days',
      '825',
      '-extfile',
      'apiserver.ext',
    ],
    dir,
  );
}

/**
 * Loads the credentials in `dir`, creating whatever is missing. `hosts` are the IPs and names the serving
 * certificate must cover (127.0.0.1 and localhost always are).
 */
export function ensureCredentials(dir: string, hosts: readonly string[] = []): ServerCredentials {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(join(dir, files.serverCert)) || !existsSync(join(dir, files.serverKey))) {
    const names = new Set(['127.0.0.1', 'localhost', ...hosts]);
    const altNames = [...names].map((host) => (/^[\d.]+$|:/.test(host) ? `IP:${host}` : `DNS:${host}`));
    createCertificates(dir, altNames);
  }
  const tokenPath = join(dir, files.token);
  if (!existsSync(tokenPath)) writeFileSync(tokenPath, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
  return {
    caCert: read(files.caCert),
    serverCert: read(files.serverCert),
    serverKey: read(files.serverKey),
    adminToken: read(files.token).trim(),
  };
}

/** A kubeconfig for the admin user, pointing at `server` and trusting the CA. */
export function adminKubeconfig(server: string, credentials: ServerCredentials, name = 'portico'): string {
  const ca = Buffer.from(credentials.caCert).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${name}`,
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority-data: ${ca}`,
    'users:',
    '- name: admin',
    '  user:',
    `    token: ${credentials.adminToken}`,
    'contexts:',
    `- name: ${name}`,
    '  context:',
    `    cluster: ${name}`,
    '    user: admin',
    '    namespace: default',
    `current-context: ${name}`,
    '',
  ].join('\n');
}
