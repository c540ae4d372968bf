import { execFileSync } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { StartupError } from '../sqlite/database.ts';

export type BoxTls = {
  caPem: string;
  certPem: string;
  keyPem: string;
  /** SHA-256 of the server certificate, colon-separated hex (as `openssl x509 -fingerprint -sha256` prints it) */
  fingerprint: string;
};

export type BoxTlsNames = { boxId: string; storeId: string; hosts: readonly string[] };

/** The server certificate's life and when it is reissued (docs/devices.md, TLS): store setting `tlsCertificate`. */
export type LeafPolicy = { lifeDays: number; renewBeforeDays: number };
export const LEAF_DAYS = 90;
export const RENEW_BEFORE_DAYS = 30;
export const DEFAULT_LEAF_POLICY: LeafPolicy = { lifeDays: LEAF_DAYS, renewBeforeDays: RENEW_BEFORE_DAYS };
const DAY_MS = 86_400_000;

const FILES = { caKey: 'ca.key', ca: 'ca.pem', key: 'server.key', cert: 'server.pem' } as const;

/**
 * What the box CA may sign (RFC 5280 §4.2.1.10, critical): names that fit a store LAN — localhost,
 * `*.local` (mDNS), the box's own configured hosts, loopback and the private address ranges
 * (RFC 1918, link-local, IPv6 ULA). A stolen CA key cannot make a certificate for a bank's site.
 */
export function nameConstraints(hosts: readonly string[]): string {
  const own = hosts.map((h) =>
    isIP(h) === 4
      ? `IP:${h}/255.255.255.255`
      : isIP(h) === 6
        ? `IP:${h}/ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff`
        : `DNS:${h}`,
  );
  const permitted = [
    'DNS:localhost',
    'DNS:.local',
    ...own,
    'IP:127.0.0.0/255.0.0.0',
    'IP:10.0.0.0/255.0.0.0',
    'IP:172.16.0.0/255.240.0.0',
    'IP:192.168.0.0/255.255.0.0',
    'IP:169.254.0.0/255.255.0.0',
    'IP:::1/ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    'IP:fc00::/fe00::',
  ];
  return `nameConstraints=critical,${[...new Set(permitted)].map((p) => `permitted;${p}`).join(',')}`;
}

/**
 * The box's own CA and server certificate in `<dataDir>/tls/`, made once at first start with
 * Debian's openssl (node:crypto makes keys but cannot issue X.509 certificates). Offline, EC P-256.
 * The CA is name-constrained to the store LAN; the server certificate lives `policy.lifeDays` and
 * `renewBoxTlsIfDue` reissues it from the same CA before it expires. Devices pin the server
 * certificate's fingerprint for pairing and the CA after it, so the certificate's names do not have
 * to match the address the device uses.
 */
export function ensureBoxTls(dataDir: string, names: BoxTlsNames, policy: LeafPolicy = DEFAULT_LEAF_POLICY): BoxTls {
  const dir = join(dataDir, 'tls');
  const path = (f: keyof typeof FILES) => join(dir, FILES[f]);
  if (!existsSync(path('cert')) || !existsSync(path('key')) || !existsSync(path('ca'))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      issueCa(dir, names);
      issueLeaf(dir, names, policy.lifeDays);
    } catch (e) {
      throw new StartupError(
        `cannot create the box's TLS certificate with openssl in ${dir}: ${(e as Error).message} (install openssl, or leave mqtt.tlsPort unset)`,
      );
    }
  }
  return readBoxTls(dir);
}

/**
 * Reissues the server certificate (a new key, from the same CA) when less than `renewBeforeDays` of
 * its life is left at `now`, or when it was made to live longer than `lifeDays` (a box from before
 * the shorter life, or a shortened setting). Returns the new certificate, or undefined when the current one stays.
 */
export function renewBoxTlsIfDue(
  dataDir: string,
  names: BoxTlsNames,
  now: Date,
  policy: LeafPolicy = DEFAULT_LEAF_POLICY,
): BoxTls | undefined {
  const dir = join(dataDir, 'tls');
  const cert = new X509Certificate(readFileSync(join(dir, FILES.cert)));
  const from = Date.parse(cert.validFrom);
  const to = Date.parse(cert.validTo);
  const tooLong = to - from > (policy.lifeDays + 1) * DAY_MS;
  if (!tooLong && to - now.getTime() >= policy.renewBeforeDays * DAY_MS) return undefined;
  issueLeaf(dir, names, policy.lifeDays);
  return readBoxTls(dir);
}

function readBoxTls(dir: string): BoxTls {
  const certPem = readFileSync(join(dir, FILES.cert), 'utf8');
  return {
    caPem: readFileSync(join(dir, FILES.ca), 'utf8'),
    certPem,
    keyPem: readFileSync(join(dir, FILES.key), 'utf8'),
    fingerprint: new X509Certificate(certPem).fingerprint256,
  };
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
}

function issueCa(dir: string, names: BoxTlsNames): void {
  openssl(dir, [
    'req',
    '-x509',
    ...EC,
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
    '-addext',
    nameConstraints(names.hosts),
  ]);
  chmodSync(join(dir, FILES.caKey), 0o600);
}

/**
 * A new key and server certificate valid `lifeDays`, written beside the old ones and then moved over
 * them. openssl 3.0 (Debian 12) `x509 -req` has no -not_before: the life starts at the system time.
 */
function issueLeaf(dir: string, names: BoxTlsNames, lifeDays: number): void {
  const san = [
    'DNS:localhost',
    `DNS:storebox-${names.storeId.toLowerCase()}.local`,
    ...names.hosts.map((h) => (/^[0-9.]+$|:/.test(h) ? `IP:${h}` : `DNS:${h}`)),
  ];
  writeFileSync(
    join(dir, 'server.ext'),
    `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=${[...new Set(san)].join(',')}\n`,
  );
  try {
    openssl(dir, [
      'req',
      ...EC,
      '-keyout',
      'server.key.new',
      '-out',
      'server.csr',
      '-subj',
      `/O=Storebox/CN=storebox-${names.storeId}`,
    ]);
    chmodSync(join(dir, 'server.key.new'), 0o600);
    openssl(dir, [
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
      String(lifeDays),
      '-extfile',
      'server.ext',
      '-out',
      'server.pem.new',
    ]);
    renameSync(join(dir, 'server.key.new'), join(dir, FILES.key));
    renameSync(join(dir, 'server.pem.new'), join(dir, FILES.cert));
  } finally {
    for (const f of ['server.csr', 'server.ext', 'server.key.new', 'server.pem.new'])
      rmSync(join(dir, f), { force: true });
  }
}
