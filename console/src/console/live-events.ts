/**
 * The box's live event stream (/ws/events: sale.completed, device.alert, device.presence) for
 * supervisors and managers, authenticated by the session cookie. Reconnects after a drop; a
 * refusal (close 4401, e.g. a cashier) stops it and pages fall back to polling.
 */
export class LiveEvents {
  private socket: WebSocket | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;
  private readonly listeners = new Set<(topic: string, payload: unknown) => void>();
  connected = false;

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close(1000);
    this.socket = undefined;
    this.connected = false;
  }

  listen(listener: (topic: string, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private connect(): void {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/ws/events`);
    this.socket = socket;
    socket.onmessage = (e) => {
      let m: { topic?: string; payload?: unknown };
      try {
        m = JSON.parse(String(e.data));
      } catch {
        return;
      }
      if (m.topic === 'events.ready') this.connected = true;
      if (m.topic) for (const l of this.listeners) l(m.topic, m.payload);
    };
    socket.onclose = (e) => {
      if (this.socket !== socket) return;
      this.connected = false;
      this.socket = undefined;
      if (this.stopped || e.code === 4401) return;
      this.timer = setTimeout(() => this.connect(), 2000);
    };
  }
}
