import { randomUUID } from 'node:crypto';

type Reply<T> = { status: number; ok: boolean; data?: T; code?: string };

/**
 * The simulator acting as the store manager at the console (`--approve user:pass`): logs in,
 * approves an agent with the code it showed and assigns it to its lane, and adds a lane's network
 * printer (docs/devices.md). A demo tool against a local box: it speaks plain HTTP to `apiPort`.
 */
export class StoreManager {
  readonly #base: string;
  readonly #username: string;
  readonly #password: string;
  #token: string | undefined;

  constructor(options: { box: { host: string; apiPort: number }; username: string; password: string }) {
    this.#base = `http://${options.box.host}:${options.box.apiPort}`;
    this.#username = options.username;
    this.#password = options.password;
  }

  approveAgent(deviceId: string, code: string, laneId: string): Promise<Reply<unknown>> {
    return this.#post(`/api/v1/devices/${encodeURIComponent(deviceId)}/approve`, { code, laneId });
  }

  addPrinter(printer: { host: string; port: number; name: string; laneId: string }): Promise<Reply<{ id: string }>> {
    return this.#post('/api/v1/devices/printers', printer);
  }

  async #login(): Promise<string> {
    const r = await this.#request<{ token: string }>('/api/v1/auth/login', {
      username: this.#username,
      password: this.#password,
    });
    if (!r.ok || !r.data) throw new Error(`login as ${this.#username} refused: ${r.code ?? r.status}`);
    return r.data.token;
  }

  /** A manager's write, logging in first and once more if the session has expired. */
  async #post<T>(path: string, body: unknown): Promise<Reply<T>> {
    this.#token ??= await this.#login();
    const first = await this.#request<T>(path, body, this.#token);
    if (first.status !== 401) return first;
    this.#token = await this.#login();
    return this.#request<T>(path, body, this.#token);
  }

  async #request<T>(path: string, body: unknown, token?: string): Promise<Reply<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': randomUUID() };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(this.#base + path, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    const json = (await res.json()) as { ok: boolean; data?: T; error?: { code: string } };
    return { status: res.status, ok: json.ok, data: json.data, code: json.error?.code };
  }
}
