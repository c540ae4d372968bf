import { request } from 'node:http';
import { connect, type TLSSocket } from 'node:tls';

/** The box's HTTPS port and the SHA-256 fingerprint of its certificate (colon hex, as mDNS TXT `tls`). */
export type HttpsPin = { readonly port: number; readonly fingerprint: string };

export class PinMismatchError extends Error {
  constructor(host: string, port: number, seen: string) {
    super(`${host}:${port} presented certificate ${seen}, not the box's pinned one: nothing sent`);
  }
}

/**
 * Opens TLS to the box and resolves only once the peer certificate has the pinned fingerprint;
 * the socket is handed to HTTP only after that check, so no byte of a request reaches another
 * server. Chain verification is off because before pairing the agent does not hold the box's CA
 * (it comes with the credentials); the pin is the stricter check: it admits exactly one
 * certificate, and the handshake has proved the peer holds that certificate's key.
 */
export function connectPinned(host: string, pin: HttpsPin, timeoutMs: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port: pin.port, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] });
    const fail = (e: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(e);
    };
    const timer = setTimeout(() => fail(new Error(`TLS to ${host}:${pin.port} timed out`)), timeoutMs);
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      const seen = socket.getPeerCertificate().fingerprint256 ?? '';
      if (seen.toUpperCase() !== pin.fingerprint.toUpperCase()) return fail(new PinMismatchError(host, pin.port, seen));
      clearTimeout(timer);
      socket.off('error', fail);
      resolve(socket);
    });
  });
}

/** POSTs JSON over a pinned TLS connection (one request, then the connection closes); resolves the status and the parsed body. */
export async function postPinned(
  host: string,
  pin: HttpsPin,
  path: string,
  body: unknown,
  timeoutMs: number,
): Promise<{ status: number; json: unknown }> {
  const socket = await connectPinned(host, pin, timeoutMs);
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host,
        port: pin.port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': payload.length, connection: 'close' },
        createConnection: () => socket,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch (e) {
            reject(e);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`HTTPS ${path} timed out`)));
    req.on('error', (e) => {
      socket.destroy();
      reject(e);
    });
    req.end(payload);
  });
}
