import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type SimReply = {
  readonly status?: number;
  readonly contentType: string;
  readonly body: string;
  readonly delayMs?: number;
};
export type SimHandler = (path: string, body: string) => SimReply | Promise<SimReply>;

/**
 * A channel's HTTP endpoint on 127.0.0.1 and an ephemeral port. Replies may be held back
 * (`delayMs`) to play slow or hanging channels; stop() drops every open connection.
 */
export class SimHttpServer {
  readonly #handler: SimHandler;
  readonly #sockets = new Set<Socket>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #server: Server | undefined;
  #port = 0;

  constructor(handler: SimHandler) {
    this.#handler = handler;
  }

  get url(): string {
    if (!this.#server) throw new Error('simulator not started');
    return `http://127.0.0.1:${this.#port}`;
  }

  async start(): Promise<void> {
    if (this.#server) return;
    const server = createServer((req, res) => void this.#serve(req, res));
    server.on('connection', (s) => {
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let reply: SimReply;
    try {
      reply = await this.#handler(
        new URL(req.url ?? '/', 'http://sim').pathname,
        Buffer.concat(chunks).toString('utf8'),
      );
    } catch (e) {
      reply = { status: 500, contentType: 'text/plain', body: `simulator bug: ${(e as Error).message}` };
    }
    const send = (): void => {
      if (res.destroyed) return;
      res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType });
      res.end(reply.body);
    };
    if (!reply.delayMs) return send();
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      send();
    }, reply.delayMs);
    this.#timers.add(timer);
  }
}
