import mqtt, { type MqttClient } from 'mqtt';
import { Value } from '@sinclair/typebox/value';
import {
  UplinkBatchSchema,
  type OutboxRow,
  type UplinkBatch,
} from '../../server/contracts/uplink/uplink-batch.schema.ts';
import { HQ_PASSWORD, HQ_USER } from './hq-broker.ts';

/** How HQ answers a batch: the seq to ack (its contiguous mark by default), or undefined to stay silent. */
export type AckPolicy = (batch: UplinkBatch, contiguous: number) => number | undefined;

/**
 * HQ's side, as an HQ service would be: an mqtt.js MQTT 5 client that receives batches, dedupes
 * rows by (storeId, seq), tracks the highest contiguous seq over batch ranges and acks it.
 */
export class HqClient {
  readonly client: MqttClient;
  readonly storeId: string;
  /** every batch as received, duplicates included */
  readonly batches: UplinkBatch[] = [];
  /** each seq once, first delivery wins */
  readonly rows = new Map<number, OutboxRow>();
  contiguous = 0;
  ackPolicy: AckPolicy = (_b, contiguous) => contiguous;
  invalid = 0;

  private constructor(client: MqttClient, storeId: string) {
    this.client = client;
    this.storeId = storeId;
    client.on('message', (topic, payload) => {
      if (topic !== `hq/${storeId}/batch`) return;
      const batch = JSON.parse(payload.toString()) as UplinkBatch;
      if (!Value.Check(UplinkBatchSchema, batch)) {
        this.invalid++;
        return;
      }
      this.batches.push(batch);
      for (const row of batch.rows) if (!this.rows.has(row.seq)) this.rows.set(row.seq, row);
      // the range is complete when it starts at or below the mark (rows missing inside it do not exist)
      if (batch.fromSeq <= this.contiguous + 1 && batch.toSeq > this.contiguous) this.contiguous = batch.toSeq;
      const ack = this.ackPolicy(batch, this.contiguous);
      if (ack !== undefined) client.publish(`hq/${storeId}/ack`, JSON.stringify({ storeId, ackSeq: ack }), { qos: 1 });
    });
  }

  static async connect(url: string, storeId = 'S001', clientId = `hq-test-${process.pid}`): Promise<HqClient> {
    const client = await mqtt.connectAsync(url, {
      protocolVersion: 5,
      username: HQ_USER,
      password: HQ_PASSWORD,
      clientId,
      reconnectPeriod: 100,
      clean: true,
    });
    const hq = new HqClient(client, storeId);
    await client.subscribeAsync(`hq/${storeId}/#`, { qos: 1 });
    return hq;
  }

  /** Waits (bounded) until `predicate` holds. */
  async until(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const started = Date.now();
    while (!predicate()) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** MQTT 5 request/response: publishes with a response topic and correlation data, resolves with the answer. */
  async request(
    topic: string,
    body: unknown | string,
    timeoutMs = 10_000,
  ): Promise<{ payload: any; correlation: string | undefined }> {
    const correlation = `c-${Math.random().toString(36).slice(2)}`;
    const responseTopic = `hq/${this.storeId}/replies/${correlation}`;
    await this.client.subscribeAsync(responseTopic, { qos: 1 });
    const answer = new Promise<{ payload: any; correlation: string | undefined }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer on ${responseTopic}`)), timeoutMs);
      const onMessage = (t: string, payload: Buffer, packet: mqtt.IPublishPacket) => {
        if (t !== responseTopic) return;
        clearTimeout(timer);
        this.client.off('message', onMessage);
        resolve({
          payload: JSON.parse(payload.toString()),
          correlation: packet.properties?.correlationData?.toString(),
        });
      };
      this.client.on('message', onMessage);
    });
    await this.client.publishAsync(topic, typeof body === 'string' ? body : JSON.stringify(body), {
      qos: 1,
      properties: { responseTopic, correlationData: Buffer.from(correlation) },
    });
    const result = await answer;
    if (result.correlation !== correlation)
      throw new Error(`correlation mismatch: ${result.correlation} ≠ ${correlation}`);
    return result;
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}
