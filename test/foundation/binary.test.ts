import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBinary, REPO_ROOT } from '../../scripts/build-binary.ts';
import { embeddedAddonsPlugin } from '../../scripts/sea/sea-plugins.ts';
import { loadConfig } from '../../server/runtime/config/load-config.ts';
import { runCommand, spawnBox } from '../support/box-process.ts';
import { wechatBillBytes, wechatBillGzip } from '../fixtures/statements/wechat-bill.fixture.ts';
import { removeDir, TEST_ADMIN_PASSWORD } from '../support/test-box.ts';

// The binary is built here, every run (≈ 5 s), into a directory with no node_modules anywhere above it.
let dir: string;
let bin: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'storebox-bin-'));
  bin = join(dir, 'storebox');
  await buildBinary({ out: bin, log: () => {} });
}, 120_000);
afterAll(() => removeDir(dir));

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('single binary (Node SEA)', () => {
  it('has no node_modules to lean on', () => {
    for (let d = dir; d !== '/'; d = join(d, '..')) expect(existsSync(join(d, 'node_modules'))).toBe(false);
  });

  it('prints the version', async () => {
    const r = await runCommand(['--version'], {}, [bin]);
    expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('starts the box from a bare directory: health, readiness, login, MQTT; stops on SIGTERM with exit 0', async () => {
    const dataDir = join(dir, 'data');
    const addonTmp = join(dir, 'tmp');
    mkdirSync(addonTmp);
    const box = await spawnBox({ STOREBOX_DATA_DIR: dataDir, TMPDIR: addonTmp }, [bin], dir);
    const base = `http://127.0.0.1:${box.httpPort}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, data: { ready: true, database: true, broker: true } });
    // a login reads and writes SQLite: the embedded better-sqlite3 addon is loaded
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const token = ((await login.json()) as { data: { token: string } }).data.token;
    expect(token).toMatch(/\S{20,}/);
    // the API docs page and swagger-ui's files come from the embedded assets
    const docs = await fetch(`${base}/docs/static/index.html`, { headers: { authorization: `Bearer ${token}` } });
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
    const bundle = await fetch(`${base}/docs/static/swagger-ui-bundle.js`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bundle.status).toBe(200);
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${box.mqttPort}`, {
      username: 'admin',
      password: TEST_ADMIN_PASSWORD,
      reconnectPeriod: 0,
      connectTimeout: 5000,
    });
    await client.endAsync();
    // the addon's temp copy is gone once loaded
    expect(readdirSync(addonTmp).filter((f) => !f.startsWith('storebox-docs-'))).toEqual([]);

    box.child.kill('SIGTERM');
    expect(await box.exited).toBe(0);
    // the docs page's extracted files are removed on stop
    expect(readdirSync(addonTmp)).toEqual([]);
    // nothing but pino's JSON lines: no SEA or require() warnings, no stack traces
    const lines = box
      .output()
      .split('\n')
      .filter((l) => l !== '');
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(lines.some((l) => l.includes('"stopped"'))).toBe(true);
  });

  it('runs statement import and reconciliation on a worker thread from the embedded worker bundle', async () => {
    const box = await spawnBox(
      { STOREBOX_DATA_DIR: join(dir, 'data-worker'), TMPDIR: mkdtempSync(join(dir, 'tmp-')) },
      [bin],
      dir,
    );
    try {
      const base = `http://127.0.0.1:${box.httpPort}`;
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }),
      });
      const auth = { authorization: `Bearer ${((await login.json()) as { data: { token: string } }).data.token}` };
      const bill = wechatBillGzip(
        wechatBillBytes('ALL', [
          {
            time: '2024-03-10 09:00:00',
            txnId: '4200000001',
            orderNo: 'W-1',
            status: 'SUCCESS',
            orderFen: 1_000,
            feeFen: 6,
          },
        ]),
      );
      const imported = await fetch(`${base}/api/v1/statements/import?channel=wechat`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(bill.gzip),
      });
      expect(imported.status).toBe(201);
      const run = await fetch(`${base}/api/v1/reconciliation/run`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ date: '2024-03-10', channel: 'wechat' }),
      });
      const runs = (
        (await run.json()) as {
          data: {
            runs: Array<{
              totals: { statement: { paymentFen: number; feeFen: number } };
              anomalies: Record<string, { count: number }>;
            }>;
          };
        }
      ).data.runs;
      expect(runs[0].totals.statement).toMatchObject({ paymentFen: 1_000, feeFen: 6 });
      expect(runs[0].anomalies.paid_without_order.count).toBe(1);
    } finally {
      box.child.kill('SIGTERM');
      await box.exited;
    }
    // WorkerJobRunner logs 'worker job done' only for a job it ran on a worker thread
    const logs = box
      .output()
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { msg: string; job?: string; svc?: string });
    expect(logs.filter((l) => l.msg === 'worker job done' && l.svc === 'reconciliation').map((l) => l.job)).toEqual([
      'import-statement',
      'reconcile-day',
    ]);
    expect(logs.filter((l) => l.msg.includes('no worker bundle'))).toEqual([]);
  });

  it('refuses pretty logs (a worker thread from node_modules) with a config error, exit 78', async () => {
    const r = await runCommand(
      [],
      {
        STOREBOX_DATA_DIR: join(dir, 'data-pretty'),
        STOREBOX_LOG_PRETTY: 'true',
        STOREBOX_HTTP_PORT: '0',
        STOREBOX_MQTT_PORT: '0',
        STOREBOX_MDNS: 'false',
      },
      [bin],
    );
    expect(r.stderr).toBe(
      'config: log.pretty: not available in the single binary; pipe its JSON logs through pino-pretty instead\n',
    );
    expect(r.code).toBe(78);
  });

  it('runs the maintenance commands: backup and audit verify', async () => {
    const env = { STOREBOX_DATA_DIR: join(dir, 'data') };
    const backup = join(dir, 'backup.db');
    const b = await runCommand(['backup', backup], env, [bin]);
    expect(b.stdout, b.stderr).toMatch(/integrity ok/);
    expect(b.code).toBe(0);
    const v = await runCommand(['audit', 'verify'], env, [bin]);
    expect(v.stdout, v.stderr).toMatch(/audit log intact: \d+ rows/);
    expect(v.code).toBe(0);
  });
});

describe('bundling native addons', () => {
  it("routes serialport's node-gyp-build to the embedded addon", async () => {
    const result = await build({
      stdin: { contents: "import { SerialPort } from 'serialport'; console.log(SerialPort);", resolveDir: REPO_ROOT },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      plugins: [embeddedAddonsPlugin],
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('scripts/sea/node-gyp-build.stub.ts');
    expect(inputs.filter((i) => i.includes('node_modules/node-gyp-build/'))).toEqual([]);
  });

  it('serialport opens a pty and writes through the embedded addon in a SEA', async () => {
    const probeDir = mkdtempSync(join(dir, 'serial-'));
    const entry = join(probeDir, 'serial-probe.ts');
    writeFileSync(
      entry,
      `import { SerialPort } from ${JSON.stringify(join(REPO_ROOT, 'node_modules/serialport/dist/index.js'))};
const port = new SerialPort({ path: process.argv[2], baudRate: 9600 });
port.on('error', (e) => { console.error(e.message); process.exit(1); });
port.on('open', () => port.write('ping from the binary\\n', () => port.drain(() => port.close(() => process.exit(0)))));
`,
    );
    const probe = join(probeDir, 'probe');
    await buildBinary({ out: probe, entry, log: () => {} });
    const tty = join(probeDir, 'tty');
    const socat = spawn('socat', ['-u', `pty,raw,echo=0,link=${tty}`, 'STDOUT']);
    try {
      let received = '';
      socat.stdout.on('data', (d) => (received += d));
      for (let i = 0; i < 100 && !existsSync(tty); i++) await new Promise((r) => setTimeout(r, 20));
      const r = await runCommand([tty], { TMPDIR: probeDir }, [probe]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      for (let i = 0; i < 100 && !received.includes('\n'); i++) await new Promise((r) => setTimeout(r, 20));
      expect(received).toBe('ping from the binary\n');
    } finally {
      socat.kill();
    }
  }, 60_000);

  it('fails the build when another package loads an addon through node-gyp-build', async () => {
    const attempt = build({
      stdin: {
        contents: "require('node-gyp-build')(__dirname);",
        resolveDir: REPO_ROOT,
        sourcefile: 'other-native.js',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      plugins: [embeddedAddonsPlugin],
      logLevel: 'silent',
    });
    await expect(attempt).rejects.toThrow(/loads a native addon through node-gyp-build/);
  });
});

describe('install artifacts', () => {
  const install = (args: string[], destdir: string) =>
    spawnSync('bash', [join(REPO_ROOT, 'scripts/install.sh'), '--dry-run', '--binary', bin, ...args], {
      env: { PATH: process.env.PATH ?? '', DESTDIR: destdir },
      encoding: 'utf8',
    });
  const steps = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('+ '));

  it('the example config is valid and binds the LAN, not loopback', () => {
    const config = loadConfig({ file: join(REPO_ROOT, 'systemd/config.example.json'), env: {} });
    expect(config.demo).toBe(false);
    for (const address of [config.http.host, config.mqtt.host, config.mdns.interface])
      expect(address).not.toMatch(/^(127\.|localhost$|0\.0\.0\.0$)/);
    expect(config.mdns.interface).toBe(config.http.host);
  });

  it('the units pass systemd-analyze verify', () => {
    const units = mkdtempSync(join(dir, 'units-'));
    // verify insists that ExecStart exists: point it at the binary just built
    for (const unit of ['storebox.service', 'storebox-agent.service'])
      writeFileSync(
        join(units, unit),
        readFileSync(join(REPO_ROOT, 'systemd', unit), 'utf8').replaceAll('/usr/local/bin/storebox', bin),
      );
    const r = spawnSync(
      'systemd-analyze',
      ['verify', join(units, 'storebox.service'), join(units, 'storebox-agent.service')],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('install.sh parses, and a first install dry run creates the user, installs, enables', () => {
    expect(spawnSync('bash', ['-n', join(REPO_ROOT, 'scripts/install.sh')]).status).toBe(0);
    const r = install([], mkdtempSync(join(dir, 'root-')));
    expect(r.status, r.stderr).toBe(0);
    const s = steps(r.stdout);
    expect(
      s.some((l) => /^\+ useradd --system .* storebox$/.test(l)) || r.stdout.includes('user storebox exists'),
    ).toBe(true);
    expect(s).toContainEqual(
      expect.stringMatching(/^\+ mv -f \S+\/usr\/local\/bin\/storebox\.new \S+\/usr\/local\/bin\/storebox$/),
    );
    expect(s).toContainEqual(
      expect.stringMatching(
        /^\+ install -m 0640 -o root -g storebox \S+config\.example\.json \S+\/etc\/storebox\/config\.json$/,
      ),
    );
    expect(s.slice(-2)).toEqual(['+ systemctl daemon-reload', '+ systemctl enable --now storebox.service']);
  });

  it('install.sh is idempotent: the same binary and an existing config are left alone', () => {
    const root = mkdtempSync(join(dir, 'root-'));
    mkdirSync(join(root, 'usr/local/bin'), { recursive: true });
    mkdirSync(join(root, 'etc/storebox'), { recursive: true });
    copyFileSync(bin, join(root, 'usr/local/bin/storebox'));
    writeFileSync(join(root, 'etc/storebox/config.json'), '{}');
    const r = install([], root);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('is already this build');
    expect(r.stdout).toContain('exists, left as is');
    expect(steps(r.stdout).filter((l) => /^\+ (cp|mv|install -m 0755) |config\.json$/.test(l))).toEqual([]);
  });

  it('install.sh --upgrade backs up before replacing, keeps the previous binary, restarts', () => {
    const root = mkdtempSync(join(dir, 'root-'));
    mkdirSync(join(root, 'usr/local/bin'), { recursive: true });
    writeFileSync(join(root, 'usr/local/bin/storebox'), 'an older build');
    const r = install(['--upgrade'], root);
    expect(r.status, r.stderr).toBe(0);
    const s = steps(r.stdout);
    const backup = s.findIndex((l) => / backup \/var\/lib\/storebox\/backups\/pre-upgrade-\d{8}T\d{6}Z\.db$/.test(l));
    const keep = s.findIndex((l) => /^\+ cp -p \S+\/storebox \S+\/storebox\.previous$/.test(l));
    const replace = s.findIndex((l) => l.startsWith('+ mv -f '));
    expect(backup).toBeGreaterThanOrEqual(0);
    expect(keep).toBeGreaterThan(backup);
    expect(replace).toBeGreaterThan(keep);
    expect(s.at(-1)).toBe('+ systemctl restart storebox.service');
  });

  it('install.sh --agent installs the agent unit and its example config, once', () => {
    const root = mkdtempSync(join(dir, 'root-'));
    const r = install(['--agent'], root);
    expect(r.status, r.stderr).toBe(0);
    const s = steps(r.stdout);
    expect(s).toContainEqual(
      expect.stringMatching(
        /^\+ install -m 0640 -o root -g storebox-agent \S+agent\.example\.json \S+\/etc\/storebox\/agent\.json$/,
      ),
    );
    expect(s.at(-1)).toBe('+ systemctl enable --now storebox-agent.service');
    mkdirSync(join(root, 'etc/storebox'), { recursive: true });
    writeFileSync(join(root, 'etc/storebox/agent.json'), '{}');
    expect(install(['--agent'], root).stdout).toContain('agent.json exists, left as is');
  });

  it('the agent example config is valid', async () => {
    const { parseAgentConfig } = await import('../../devices/agent/agent-config.ts');
    const parsed = parseAgentConfig(JSON.parse(readFileSync(join(REPO_ROOT, 'systemd/agent.example.json'), 'utf8')));
    expect(parsed.peripherals.scale?.protocol).toBe('toledo-8217');
  });

  it('install.sh refuses to upgrade nothing and to roll back without a previous binary', () => {
    const root = mkdtempSync(join(dir, 'root-'));
    expect(install(['--upgrade'], root).status).toBe(66);
    expect(install(['--rollback'], root).status).toBe(66);
  });
});
