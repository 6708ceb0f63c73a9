/**
 * What the API server creates on first start in its data directory: a CA, a serving certificate signed by it (for
 * the addresses clients use), and an admin bearer token. Later starts reuse them, so kubeconfigs stay valid. Node
 * tokens and the kubelet-client token derive from the admin token (`client/node-credentials.ts`). The folder is
 * owner-only, and so is every key and token in it, checked on every start. Certificates come from the `openssl`
 * command, which every Debian machine has.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueNodeToken, kubeletClientToken } from '../client/node-credentials.ts';
import { makePrivateDir, makePrivateFiles, writePrivateFile } from './auth/file-modes.ts';

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

// Secrets among the files above and the ones openssl leaves behind.
const secretFiles = [files.caKey, files.serverKey, files.token, 'apiserver.csr'];

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
  makePrivateDir(dir);
  if (!existsSync(join(dir, files.serverCert)) || !existsSync(join(dir, files.serverKey))) {
    const names = new Set(['127.0.0.1', 'localhost', ...hosts]);
    const altNames = [...names].map((host) => (/^[\d.]+$|:/.test(host) ? `IP:${host}` : `DNS:${host}`));
    createCertificates(dir, altNames);
  }
  const tokenPath = join(dir, files.token);
  if (!existsSync(tokenPath)) writePrivateFile(tokenPath, `${randomBytes(32).toString('hex')}\n`);
  makePrivateFiles(dir, secretFiles);
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
  return {
    caCert: read(files.caCert),
    serverCert: read(files.serverCert),
    serverKey: read(files.serverKey),
    adminToken: read(files.token).trim(),
  };
}

/** A kubeconfig for `user`, pointing at `server` and trusting the CA. */
function kubeconfigFor(
  server: string,
  credentials: ServerCredentials,
  user: { readonly name: string; readonly token: string },
  name: string,
): string {
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
    `- name: ${user.name}`,
    '  user:',
    `    token: ${user.token}`,
    'contexts:',
    `- name: ${name}`,
    '  context:',
    `    cluster: ${name}`,
    `    user: ${user.name}`,
    '    namespace: default',
    `current-context: ${name}`,
    '',
  ].join('\n');
}

/** A kubeconfig for the admin user, pointing at `server` and trusting the CA. */
export function adminKubeconfig(server: string, credentials: ServerCredentials, name = 'portico'): string {
  return kubeconfigFor(server, credentials, { name: 'admin', token: credentials.adminToken }, name);
}

/** A kubeconfig for node `nodeName` (user `system:node:<name>` with the node's own token). */
export function nodeKubeconfig(
  server: string,
  credentials: ServerCredentials,
  nodeName: string,
  name = 'portico',
): string {
  const token = issueNodeToken(kubeletClientToken(credentials.adminToken), nodeName);
  return kubeconfigFor(server, credentials, { name: `system:node:${nodeName}`, token }, name);
}

/** Where `portico apiserver --node-kubeconfigs` writes node `nodeName`'s kubeconfig. */
export function nodeKubeconfigPath(dataDir: string, nodeName: string): string {
  return join(dataDir, 'nodes', `${nodeName}.kubeconfig`);
}

/** Writes each node's kubeconfig (owner-only, in an owner-only `nodes` folder); returns the paths. */
export function writeNodeKubeconfigs(
  dataDir: string,
  server: string,
  credentials: ServerCredentials,
  nodeNames: readonly string[],
): string[] {
  makePrivateDir(join(dataDir, 'nodes'));
  return nodeNames.map((nodeName) => {
    const path = nodeKubeconfigPath(dataDir, nodeName);
    writePrivateFile(path, nodeKubeconfig(server, credentials, nodeName));
    return path;
  });
}
