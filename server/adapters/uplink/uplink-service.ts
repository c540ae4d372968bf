import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { applyCatalogPush } from '../../app/uplink/apply-catalog-push.ts';
import { applyPromotionsPush } from '../../app/uplink/apply-promotions-push.ts';
import { storeSummary } from '../../app/uplink/store-summary.ts';
import type { Repositories } from '../../app/store-context.ts';
import { errorMessage } from '../../contracts/errors/catalog.ts';
import type { UplinkStatus } from '../../contracts/uplink/uplink-status.schema.ts';
import { uplinkTopics } from '../../contracts/uplink/uplink-topics.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { Service } from '../../runtime/service.ts';
import { nodeSecrets } from '../crypto/node-crypto.ts';
import { readCatalogFile } from '../catalog-import/read-catalog-file.ts';
import type { Db } from '../sqlite/database.ts';
import { sqliteTransactions } from '../sqlite/sqlite-transactions.ts';
import { brokerLabel, hqClientOptions, type UplinkConfig } from './hq-client-options.ts';
import { HqConnection } from './hq-connection.ts';
import { HqInbox, hqInboxTopics } from './hq-inbox.ts';
import { HqPushRepository } from './hq-push.repository.ts';
import { OutboxForwarder } from './outbox-forwarder.ts';
import { StoreSummaryRepository } from './store-summary.repository.ts';
import { UplinkStateRepository } from './uplink-state.repository.ts';

/** HQ acks are written at most this often, and this many rows at a time: a durable commit per 100 ms instead of per batch, each a few ms. */
const ACK_FLUSH_MS = 100;
const ACK_FLUSH_ROWS = 500;

export type UplinkDeps = {
  config: UplinkConfig;
  storeId: string;
  db: Db;
  repos: Pick<Repositories, 'outbox' | 'products' | 'promotions' | 'audit'>;
  clock: Clock;
  log: Logger;
  /** after a catalog push: reload the lanes' index */
  catalogChanged(): void;
  /** after a promotions push: drop the compiled promotion set */
  promotionsChanged(): void;
};

/**
 * The HQ uplink as a service: started after the database, stopped before it. Disabled, or
 * misconfigured, it reports why in its status and the store sells on (STYLE.md habit 6); it never
 * takes part in /readyz.
 */
export class UplinkService implements Service {
  readonly name = 'uplink';
  private readonly deps: UplinkDeps;
  private readonly log: Logger;
  private readonly state: UplinkStateRepository;
  private connection: HqConnection | undefined;
  private forwarder: OutboxForwarder | undefined;
  private timer: NodeJS.Timeout | undefined;
  private connectedSince: string | null = null;
  private lastError: UplinkStatus['lastError'] = null;

  constructor(deps: UplinkDeps) {
    this.deps = deps;
    this.log = deps.log.child({ module: 'uplink' });
    this.state = new UplinkStateRepository(deps.db);
  }

  async start(): Promise<void> {
    const { config, storeId, db, repos, clock } = this.deps;
    if (!config.enabled) return;
    const options = hqClientOptions(config, storeId);
    if (!options.ok) {
      this.fail(options.code, errorMessage(options.code, 'en', { field: options.field ?? '', ...options.params }));
      this.log.error({ code: options.code, field: options.field }, 'uplink not started');
      return;
    }
    const topics = uplinkTopics(config.topicPrefix, storeId);
    const nowIso = () => clock.now().toISOString();
    const tx = sqliteTransactions(db);
    const pushes = new HqPushRepository(db);
    const summaries = new StoreSummaryRepository(db);
    const connection = new HqConnection({
      url: config.url!,
      clientOptions: options.value,
      reconnectMinMs: config.reconnectMinMs,
      reconnectMaxMs: Math.max(config.reconnectMinMs, config.reconnectMaxMs),
      subscriptions: hqInboxTopics(topics),
      log: this.log,
      onConnect: () => {
        this.connectedSince = nowIso();
        forwarder.connected();
      },
      onDisconnect: () => {
        this.connectedSince = null;
        forwarder.disconnected();
        this.log.warn('uplink disconnected');
      },
      onMessage: (topic, payload, packet) => inbox.receive(topic, payload, packet),
      onError: (code, message) => {
        this.fail(code, message);
        this.log.warn({ code, message }, 'uplink error');
      },
    });
    const forwarder = new OutboxForwarder({
      storeId,
      batchTopic: topics.batch,
      batchRows: config.batchRows,
      batchBytes: config.batchBytes,
      maxInFlightBatches: config.maxInFlightBatches,
      ackTimeoutMs: config.ackTimeoutMs,
      ackFlushMs: ACK_FLUSH_MS,
      ackFlushRows: ACK_FLUSH_ROWS,
      maxRowsPerSecond: config.maxRowsPerSecond,
      ack: { tx, outbox: repos.outbox, state: this.state },
      publish: (topic, payload) => connection.publish(topic, payload, { qos: 1 }),
      monotonicMs: () => performance.now(),
      nowIso,
      log: this.log,
    });
    const inbox = new HqInbox({
      storeId,
      topics,
      nowIso,
      log: this.log,
      publish: (topic, payload, opts) => connection.publish(topic, payload, opts),
      handlers: {
        ack: (ack) => forwarder.acked(ack.ackSeq),
        summary: (businessDate) => storeSummary({ storeId, clock, summaries }, businessDate),
        resend: (fromSeq) => {
          forwarder.resendFrom(fromSeq);
          return { fromSeq, lastSeq: repos.outbox.lastSeq() };
        },
        ping: () => ({ ackedSeq: forwarder.ackedSeq(), lastSeq: repos.outbox.lastSeq() }),
        pushCatalog: (push) => {
          const outcome = applyCatalogPush({ tx, clock, secrets: nodeSecrets, repos, pushes, readCatalogFile }, push);
          if (outcome.ok && !outcome.value.replayed) this.deps.catalogChanged();
          return outcome;
        },
        pushPromotions: (push) => {
          const outcome = applyPromotionsPush({ tx, clock, secrets: nodeSecrets, repos, pushes }, push);
          if (outcome.ok && !outcome.value.replayed) this.deps.promotionsChanged();
          return outcome;
        },
      },
    });
    this.connection = connection;
    this.forwarder = forwarder;
    connection.start();
    this.timer = setInterval(() => forwarder.tick(), config.intervalMs);
    this.timer.unref();
    this.log.info({ broker: brokerLabel(config.url), topics: topics.batch }, 'uplink started');
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    const connection = this.connection;
    this.connection = undefined;
    // no more acks can arrive once the connection is down; then the last ones are written
    await connection?.stop();
    this.forwarder?.close();
    this.forwarder = undefined;
  }

  status(): UplinkStatus {
    const stored = this.state.get();
    // the forwarder may hold an ack not yet written (acks are written at most every ackFlushMs)
    const ackedSeq = Math.max(stored.seq, this.forwarder?.ackedSeq() ?? 0);
    const outbox = this.deps.repos.outbox;
    const counters = this.forwarder?.counters ?? { batchesSent: 0, rowsSent: 0, ackTimeouts: 0 };
    return {
      enabled: this.deps.config.enabled,
      connected: this.connection?.connected ?? false,
      broker: brokerLabel(this.deps.config.url),
      ackedSeq,
      ackedAt: stored.at,
      lastSeq: outbox.lastSeq(),
      backlog: outbox.countAfter(ackedSeq),
      connectedSince: this.connectedSince,
      lastError: this.lastError,
      ...counters,
    };
  }

  private fail(code: string, message: string): void {
    this.lastError = { code, message, at: this.deps.clock.now().toISOString() };
  }
}
