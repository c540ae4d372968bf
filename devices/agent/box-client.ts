import { postPinned, type HttpsPin } from './pinned-https.ts';

export type BoxReply<T> = { status: number; ok: boolean; data?: T; code?: string };

const TIMEOUT_MS = 5000;

/** One POST of the agent to the box's API: over HTTPS pinned to the box's certificate when `https` is given, else plain HTTP. */
export async function postToBox<T>(
  box: { host: string; apiPort: number },
  https: HttpsPin | undefined,
  path: string,
  body: unknown,
): Promise<BoxReply<T>> {
  let status: number;
  let json: { ok: boolean; data?: T; error?: { code: string } };
  if (https) {
    const res = await postPinned(box.host, https, path, body, TIMEOUT_MS);
    status = res.status;
    json = res.json as typeof json;
  } else {
    const res = await fetch(`http://${box.host}:${box.apiPort}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    status = res.status;
    json = (await res.json()) as typeof json;
  }
  return { status, ok: json.ok, data: json.data, code: json.error?.code };
}
