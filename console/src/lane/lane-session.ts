import { api, type ApiReply } from '../shared/api.ts';

/** A cashier logged in at a lane: the lane token opens /ws/lane. Kept per tab, so a reload stays logged in. */
export type LaneSession = { token: string; laneId: string; username: string };

const KEY = 'storebox.lane.session';

export function savedSession(): LaneSession | undefined {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as LaneSession | null;
    return s && typeof s.token === 'string' && typeof s.laneId === 'string' ? s : undefined;
  } catch {
    return undefined;
  }
}

export async function laneLogin(username: string, password: string, laneId: string): Promise<ApiReply<LaneSession>> {
  const r = await api<{ token: string; laneId: string | null; username: string }>('/api/v1/auth/login', {
    body: { username, password, laneId },
  });
  if (!r.ok) return r;
  const session = { token: r.data.token, laneId: r.data.laneId ?? laneId, username: r.data.username ?? username };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return { ok: true, status: r.status, data: session };
}

export async function laneLogout(session: LaneSession): Promise<void> {
  sessionStorage.removeItem(KEY);
  await api('/api/v1/auth/logout', { method: 'POST', token: session.token });
}

export function forgetSession(): void {
  sessionStorage.removeItem(KEY);
}

/** `lang` asks the box for its messages in the page's language (a WebSocket cannot send Accept-Language). */
export function laneSocketUrl(token: string, lang: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws/lane?token=${encodeURIComponent(token)}&lang=${encodeURIComponent(lang)}`;
}
