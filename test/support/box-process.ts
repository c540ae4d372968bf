import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = fileURLToPath(new URL('../../server/cli/storebox.ts', import.meta.url));

export type BoxProcess = {
  child: ChildProcess;
  httpPort: number;
  mqttPort: number;
  output: () => string;
  exited: Promise<number | null>;
};

/**
 * Starts `storebox` as its own process (the given command, node + CLI by default) with ephemeral
 * ports, and resolves once its 'storebox ready' log line names the ports it bound. A box not ready
 * within `readyTimeoutMs` is killed (it would otherwise outlive the caller) and the promise rejects.
 */
export function spawnBox(
  env: Record<string, string>,
  command: string[] = [process.execPath, CLI],
  cwd = REPO_ROOT,
  readyTimeoutMs = 20_000,
): Promise<BoxProcess> {
  const child = spawn(command[0], [...command.slice(1)], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      STOREBOX_HTTP_PORT: '0',
      STOREBOX_MQTT_PORT: '0',
      STOREBOX_MDNS: 'false',
      STOREBOX_ADMIN_PASSWORD: 'admin-test-pass',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`box did not become ready in ${readyTimeoutMs / 1000} s:\n${out}`));
    }, readyTimeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.includes('"storebox ready"'));
      if (!line) return;
      clearTimeout(timer);
      const { http, mqtt } = JSON.parse(line) as { http: string; mqtt: string };
      resolve({
        child,
        httpPort: Number(http.split(':').pop()),
        mqttPort: Number(mqtt.split(':').pop()),
        output: () => out,
        exited,
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d) => (out += d.toString()));
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`box exited with ${code} before ready:\n${out}`));
    });
  });
}

/** Runs a CLI command to completion. */
export function runCommand(
  args: string[],
  env: Record<string, string>,
  command: string[] = [process.execPath, CLI],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command[0], [...command.slice(1), ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
