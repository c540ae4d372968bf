import type { IClientPublishOptions, IPublishPacket } from 'mqtt';
import type { Logger } from 'pino';
import { errorMessage } from '../../contracts/errors/catalog.ts';
import {
  CatalogPushSchema,
  PromotionsPushSchema,
  type PushKind,
  type PushResult,
} from '../../contracts/uplink/uplink-push.schema.ts';
import { UplinkAckSchema, type UplinkAck } from '../../contracts/uplink/uplink-batch.schema.ts';
import type {
  StoreSummary,
  UplinkError,
  UplinkRequest,
  UplinkResponse,
} from '../../contracts/uplink/uplink-request.schema.ts';
import type { UplinkTopics } from '../../contracts/uplink/uplink-topics.ts';
import type { PushOutcome } from '../../app/uplink/push-once.ts';
import type { CatalogPush, PromotionsPush } from '../../contracts/uplink/uplink-push.schema.ts';
import { parseHqMessage, parseHqRequest } from './hq-message.parser.ts';

export type HqInboxHandlers = {
  ack(ack: UplinkAck): void;
  summary(businessDate: string): StoreSummary;
  resend(fromSeq: number): { fromSeq: number; lastSeq: number };
  ping(): { ackedSeq: number; lastSeq: number };
  pushCatalog(push: CatalogPush): PushOutcome;
  pushPromotions(push: PromotionsPush): PushOutcome;
};

export type HqInboxOptions = {
  storeId: string;
  topics: UplinkTopics;
  handlers: HqInboxHandlers;
  publish(topic: string, payload: string, options: IClientPublishOptions): boolean;
  nowIso(): string;
  log: Logger;
};

/** The topics the box subscribes to on HQ's broker. */
export function hqInboxTopics(t: UplinkTopics): string[] {
  return [t.ack, t.request, t.pushCatalog, t.pushPromotions];
}

const error = (code: string, field?: string, params?: Readonly<Record<string, string | number>>): UplinkError => ({
  code,
  message: errorMessage(code, 'zh-CN', { field: field ?? '', ...params }),
  ...(field === undefined ? {} : { field }),
  ...(params === undefined ? {} : { params: { ...params } }),
});

/**
 * Everything HQ sends the box: acks, requests and pushes, each parsed against its schema. A bad
 * message gets an error reply naming the field and never throws out of here; a handler that throws
 * (a bug) is logged and answered INTERNAL, and the connection goes on.
 */
export class HqInbox {
  private readonly o: HqInboxOptions;
  constructor(options: HqInboxOptions) {
    this.o = options;
  }

  receive(topic: string, payload: Buffer, packet: IPublishPacket): void {
    const t = this.o.topics;
    try {
      if (topic === t.ack) this.onAck(payload);
      else if (topic === t.request) this.onRequest(payload, packet);
      else if (topic === t.pushCatalog) this.onPush('catalog', payload, packet);
      else if (topic === t.pushPromotions) this.onPush('promotions', payload, packet);
      else this.o.log.warn({ topic }, 'uplink: message on an unexpected topic');
    } catch (e) {
      this.o.log.error({ err: e, topic }, 'uplink: handling an HQ message failed');
      if (topic === t.request) this.reply(packet, t.response, { ok: false, error: error('INTERNAL') });
      else if (topic === t.pushCatalog || topic === t.pushPromotions)
        this.reply(packet, t.pushResult, {
          ok: false,
          kind: topic === t.pushCatalog ? 'catalog' : 'promotions',
          error: error('INTERNAL'),
          problems: [],
        });
    }
  }

  private onAck(payload: Buffer): void {
    const ack = parseHqMessage(UplinkAckSchema, payload);
    if (!ack.ok) {
      this.o.log.warn({ code: ack.code, field: ack.field }, 'uplink: bad ack ignored');
      return;
    }
    if (ack.value.storeId !== this.o.storeId) {
      this.o.log.warn({ storeId: ack.value.storeId }, 'uplink: ack for another store ignored');
      return;
    }
    this.o.handlers.ack(ack.value);
  }

  private onRequest(payload: Buffer, packet: IPublishPacket): void {
    const parsed = parseHqRequest(payload);
    const requestId = requestIdOf(payload);
    if (!parsed.ok) {
      this.reply(packet, this.o.topics.response, {
        ok: false,
        ...(requestId ? { requestId } : {}),
        error: error(parsed.code, parsed.field, parsed.params),
      });
      return;
    }
    const request: UplinkRequest = parsed.value;
    const base = {
      ok: true as const,
      kind: request.kind,
      ...(request.requestId === undefined ? {} : { requestId: request.requestId }),
    };
    let response: UplinkResponse;
    switch (request.kind) {
      case 'summary':
        response = { ...base, data: this.o.handlers.summary(request.businessDate) };
        break;
      case 'resend':
        response = { ...base, data: this.o.handlers.resend(request.fromSeq) };
        break;
      case 'ping':
        response = { ...base, data: { pong: true, at: this.o.nowIso(), ...this.o.handlers.ping() } };
        break;
    }
    this.reply(packet, this.o.topics.response, response);
  }

  private onPush(kind: PushKind, payload: Buffer, packet: IPublishPacket): void {
    const parsed =
      kind === 'catalog' ? parseHqMessage(CatalogPushSchema, payload) : parseHqMessage(PromotionsPushSchema, payload);
    let result: PushResult;
    if (!parsed.ok) {
      const pushId = pushIdOf(payload);
      result = {
        ok: false,
        kind,
        ...(pushId ? { pushId } : {}),
        error: error(parsed.code, parsed.field, parsed.params),
        problems: [],
      };
    } else {
      const pushId = parsed.value.pushId;
      const outcome =
        kind === 'catalog'
          ? this.o.handlers.pushCatalog(parsed.value as CatalogPush)
          : this.o.handlers.pushPromotions(parsed.value as PromotionsPush);
      result = outcome.ok
        ? { ok: true, kind, pushId, data: outcome.value }
        : {
            ok: false,
            kind,
            pushId,
            error: error(outcome.code, outcome.field, outcome.params),
            problems: outcome.problems,
          };
      this.o.log.info(
        { kind, pushId, ok: outcome.ok, ...(outcome.ok ? outcome.value : { code: outcome.code }) },
        'uplink: HQ push',
      );
    }
    this.reply(packet, this.o.topics.pushResult, result);
  }

  /** MQTT 5 request/response: answer on the request's response topic with its correlation data. */
  private reply(packet: IPublishPacket, fallbackTopic: string, body: UplinkResponse | PushResult): void {
    const topic = packet.properties?.responseTopic ?? fallbackTopic;
    const correlationData = packet.properties?.correlationData;
    const sent = this.o.publish(topic, JSON.stringify(body), {
      qos: 1,
      ...(correlationData ? { properties: { correlationData } } : {}),
    });
    if (!sent) this.o.log.warn({ topic }, 'uplink: reply not sent, connection lost');
  }
}

/** The requestId of a request that failed validation, when one can be read, so HQ can match the error. */
function requestIdOf(payload: Buffer): string | undefined {
  return stringField(payload, 'requestId');
}
function pushIdOf(payload: Buffer): string | undefined {
  return stringField(payload, 'pushId');
}
function stringField(payload: Buffer, name: string): string | undefined {
  try {
    const v = (JSON.parse(payload.toString('utf8')) as Record<string, unknown>)?.[name];
    return typeof v === 'string' && v.length <= 128 ? v : undefined;
  } catch {
    return undefined;
  }
}
