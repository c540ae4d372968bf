import { allocate, type Fen } from '../../money/index.ts';
import { err, ok, type Result } from '../../result.ts';
import { fnv1a32 } from '../hash.ts';

/**
 * 裂变红包: a packet of `shares.length` coupons (e.g. ¥20 for 3 people) split among the members who
 * open the shared link. Amounts are "random" but reproducible from the packet id, so the lane, the
 * console and HQ compute the same split.
 */
export type FissionPacket = {
  readonly id: string;
  readonly templateId: string;
  readonly shares: readonly Fen[];
  readonly claims: readonly { readonly memberId: string; readonly shareIndex: number }[];
};

/** Each share gets minShareFen, the rest is spread by hash weights (1–100) with largest remainder. */
export function splitFissionPacket(packetId: string, totalFen: Fen, count: number, minShareFen: Fen): Fen[] {
  if (!Number.isSafeInteger(count) || count <= 0 || minShareFen * count > totalFen)
    throw new RangeError('fission packet: total cannot cover the minimum shares');
  const weights = Array.from({ length: count }, (_, i) => 1 + (fnv1a32(`${packetId}#${i}`) % 100));
  return allocate(totalFen - minShareFen * count, weights).map((p) => p + minShareFen);
}

export function claimFissionShare(
  packet: FissionPacket,
  memberId: string,
): Result<
  { readonly packet: FissionPacket; readonly shareIndex: number; readonly amountFen: Fen },
  'LOYALTY_PACKET_EXHAUSTED' | 'LOYALTY_PACKET_ALREADY_CLAIMED'
> {
  if (packet.claims.some((c) => c.memberId === memberId)) return err('LOYALTY_PACKET_ALREADY_CLAIMED', 'memberId');
  const shareIndex = packet.claims.length;
  if (shareIndex >= packet.shares.length) return err('LOYALTY_PACKET_EXHAUSTED', 'packetId');
  return ok({
    packet: { ...packet, claims: [...packet.claims, { memberId, shareIndex }] },
    shareIndex,
    amountFen: packet.shares[shareIndex],
  });
}
