/**
 * The uplink's MQTT topics on the HQ broker, all under `<prefix>/<storeId>/` so an HQ broker's ACL
 * can give each store's credentials exactly its own subtree (mosquitto: `pattern readwrite hq/%u/#`
 * when the username is the store id).
 */
export type UplinkTopics = {
  /** box → HQ, QoS 1: outbox batches */
  readonly batch: string;
  /** HQ → box: the highest seq HQ holds with nothing missing below it */
  readonly ack: string;
  /** HQ → box: requests (summary, resend, ping), answered on the MQTT 5 response topic */
  readonly request: string;
  /** box → HQ: where answers go when a request names no response topic */
  readonly response: string;
  /** HQ → box: product pushes */
  readonly pushCatalog: string;
  /** HQ → box: promotion pushes */
  readonly pushPromotions: string;
  /** box → HQ: each push's outcome when the push names no response topic */
  readonly pushResult: string;
};

export function uplinkTopics(prefix: string, storeId: string): UplinkTopics {
  const base = `${prefix}/${storeId}`;
  return {
    batch: `${base}/batch`,
    ack: `${base}/ack`,
    request: `${base}/request`,
    response: `${base}/response`,
    pushCatalog: `${base}/push/catalog`,
    pushPromotions: `${base}/push/promotions`,
    pushResult: `${base}/push-result`,
  };
}
