import type { PushApplied, PushKind } from '../../contracts/uplink/uplink-push.schema.ts';

export type RecordedPush = {
  pushId: string;
  kind: PushKind;
  contentSha256: string;
  appliedAt: string;
  result: PushApplied;
};

/** Pushes from HQ that were applied; a refused push is not recorded, so HQ may fix and resend it. */
export interface HqPushStore {
  get(pushId: string): RecordedPush | undefined;
  /** Call inside the transaction that applies the push. */
  record(push: RecordedPush): void;
}
