import type { ApiError, ApiReply } from '../shared/api.ts';
import type { Text } from '../shared/i18n.ts';

export type Me = { username: string; role: string; laneId: string | null };

/** What a page gets from the frame: where to draw, how to report a refusal, who is logged in. */
export type PageContext = {
  readonly root: HTMLElement;
  readonly me: Me;
  /** shows the box's message for a failed call (a cashier opening the staff page sees the 403's text) */
  showError(error: ApiError): void;
  clearError(): void;
  /** the data of a successful reply, or undefined after showing the error */
  data<T>(reply: ApiReply<T>): T | undefined;
  /** a box event from /ws/events (sale.completed, device.presence, ...); the frame drops the listener on leaving the page */
  onEvent(topic: string, listener: (payload: unknown) => void): void;
  /** runs fn every ms while the page is shown (polling where no live event exists) */
  every(ms: number, fn: () => void): void;
  /** re-renders the current page */
  reload(): void;
};

/** One page of the console; the list in main.ts is the registry (STYLE.md habit 8). */
export type ConsolePage = { readonly id: string; readonly title: Text; render(ctx: PageContext): Promise<void> };
