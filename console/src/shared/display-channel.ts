import type { DisplayEvent } from '../../../server/core/devices/display-event.ts';

/**
 * The lane screen tells a customer display page in the same browser (a second screen on the lane
 * PC) what to show: the same DisplayEvent the box sends to serial displays (core/devices/customer-display.ts).
 */
export function displayChannel(laneId: string): BroadcastChannel {
  return new BroadcastChannel(`storebox-display-${laneId}`);
}

export type DisplayMessage = { event: DisplayEvent; dueFen?: number; lines?: number };
