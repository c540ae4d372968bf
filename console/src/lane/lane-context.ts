import type { LaneSendArgs, LaneTopic } from '../../../server/contracts/lane/lane-messages.schema.ts';
import type { CartView, LaneMember } from '../../../server/contracts/lane/lane-replies.ts';
import type { LaneReply } from './lane-socket.ts';

/**
 * What a lane panel (tender panel, member panel, …) may use of the lane page: send a lane message
 * (its reply's cart replaces the screen's), read the cart and member shown, say something, put the
 * focus back in the scan box. One file per panel; main.ts wires them with this.
 */
export type LaneContext = {
  send<T extends LaneTopic>(topic: T, ...payload: LaneSendArgs<T>): Promise<LaneReply<T>>;
  cart(): CartView | null;
  member(): LaneMember | undefined;
  setMember(member: LaneMember | undefined): void;
  /** the lane token, for the few REST reads a panel makes (the member's coupons) */
  token(): string | undefined;
  showError(text: string): void;
  showInfo(text: string): void;
  focusScan(): void;
  render(): void;
};
