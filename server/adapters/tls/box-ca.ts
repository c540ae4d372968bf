import { execFileSync } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from '../sqlite/database.ts';

export type BoxTls = {
  caPem: string;
  certPem: string;
  keyPem: string;
  /** SHA-256 of the server certificate, colon-separated hex (as `openssl x509 -fingerprint -sha256` prints it) */
  fingerprint: string;
};

const FILES = { caKey: 'ca.key', ca: 'ca.pem', key: 'server.key', cert: 'server.pem' } as const;

/**
 * The box's own CA and server certificate in `<dataDir>/tls/`, made once at first start with
 * Debian's openssl (node:crypto makes keys but cannot issue X.509 certificates). Offline, EC P-256.
 * Devices pin the server certificate's fingerprint (mDNS TXT `tls` and the pairing reply), so the
 * certificate's names do not have to match the address the device uses.
 */
export function ensureBoxTls(
  dataDir: string,
  names: { boxId: string; storeId: string; hosts: readonly string[] },
): BoxTls {
  const dir = join(dataDir, 'tls');
  const path = (f: keyof typeof FILES) => join(dir, FILES[f]);
  if (!existsSync(path('cert')) || !existsSync(path('key')) || !existsSync(path('ca'))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      issue(dir, names);
    } catch (e) {
      throw new StartupError(
        `cannot create the box's TLS certificate with openssl in ${dir}: ${(e as Error).message} (install openssl, or leave mqtt.tlsPort unset)`,
      );
    }
  }
  const certPem = readFileSync(path('cert'), 'utf8');
  return {
    caPem: readFileSync(path('ca'), 'utf8'),
    certPem,
    keyPem: readFileSync(path('key'), 'utf8'),
    fingerprint: new X509Certificate(certPem).fingerprint256,
  };
}

function issue(dir: string, names: { boxId: string; storeId: string; hosts: readonly string[] }): void {
  const run = (args: string[]) =>
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run([
    'req',
    '-x509',
    ...ec,
    '-keyout',
    FILES.caKey,
    '-out',
    FILES.ca,
    '-days',
    '7300',
    '-subj',
    `/O=Storebox/CN=Storebox CA ${names.storeId} ${names.boxId.slice(0, 8)}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE,pathlen:0',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  run(['req', ...ec, '-keyout', FILES.key, '-out', 'server.csr', '-subj', `/O=Storebox/CN=storebox-${names.storeId}`]);
  const san = [
    'DNS:localhost',
    `DNS:storebox-${names.storeId.toLowerCase()}.local`,
    ...names.hosts.map((h) => (/^[0-9.]+$|:/.test(h) ? `IP:${h}` : `DNS:${h}`)),
  ];
  writeFileSync(
    join(dir, 'server.ext'),
    `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=${[...new Set(san)].join(',')}\n`,
  );
  run([
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    FILES.ca,
    '-CAkey',
    FILES.caKey,
    '-set_serial',
    `0x${randomBytes(16).toString('hex')}`,
    '-days',
    '3650',
    '-extfile',
    'server.ext',
    '-out',
    FILES.cert,
  ]);
  for (const f of ['server.csr', 'server.ext']) rmSync(join(dir, f), { force: true });
  for (const f of [FILES.caKey, FILES.key]) chmodSync(join(dir, f), 0o600);
}
