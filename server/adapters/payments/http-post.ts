import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Client certificate options (WeChat /secapi/* needs the merchant's apiclient certificate). */
export type TlsClientOptions = {
  readonly certPem?: string;
  readonly keyPem?: string;
  readonly pfx?: Buffer;
  readonly passphrase?: string;
  /** Extra trusted CA (PEM), e.g. a test channel's self-signed certificate. */
  readonly caPem?: string;
};

export type PostOptions = {
  readonly contentType: string;
  /** Whole-exchange deadline: connect + send + full answer. */
  readonly timeoutMs: number;
  readonly tls?: TlsClientOptions;
};

export type PostResult =
  | { readonly ok: true; readonly status: number; readonly text: string }
  | { readonly ok: false; readonly reason: 'timeout' | 'network'; readonly detail: string };

/** Channel answers are small; anything bigger is not an answer we can trust. */
const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * POSTs one body and resolves with the answer text, or with why there is none. Never rejects:
 * a payment adapter turns every failure here into an `unknown` answer.
 */
export function postText(url: string, body: string, options: PostOptions): Promise<PostResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      finish({ ok: false, reason: 'network', detail: 'invalid channel URL' });
      return;
    }
    const payload = Buffer.from(body, 'utf8');
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const tls = options.tls;
    const req = send(target, {
      method: 'POST',
      headers: { 'content-type': options.contentType, 'content-length': payload.length },
      ...(tls && { cert: tls.certPem, key: tls.keyPem, pfx: tls.pfx, passphrase: tls.passphrase, ca: tls.caPem }),
    });
    const timer = setTimeout(() => {
      finish({ ok: false, reason: 'timeout', detail: `no complete answer within ${options.timeoutMs} ms` });
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) =>
      finish({ ok: false, reason: 'network', detail: e.code ?? e.message }),
    );
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) {
          finish({ ok: false, reason: 'network', detail: 'answer too large' });
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () =>
        finish({ ok: true, status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', (e) => finish({ ok: false, reason: 'network', detail: e.message }));
    });
    req.end(payload);
  });
}
