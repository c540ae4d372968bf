import type { Logger } from 'pino';
import type { Clock } from '../../runtime/clock.ts';
import type { Service } from '../../runtime/service.ts';
import type { BoxTls } from './box-ca.ts';

const DAY_MS = 86_400_000;

/**
 * Renews the box's server certificate before it expires (docs/devices.md, TLS): checks at start and
 * once a day by the clock, reissues when `renew(now)` finds it due, then tells `renewed` (the HTTPS
 * and MQTT TLS listeners load the new certificate, mDNS advertises its fingerprint).
 */
export class TlsRenewal implements Service {
  readonly name = 'tls-renewal';
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly renew: (now: Date) => BoxTls | undefined;
  private readonly renewed: (tls: BoxTls) => Promise<void>;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: {
    clock: Clock;
    log: Logger;
    renew: (now: Date) => BoxTls | undefined;
    renewed: (tls: BoxTls) => Promise<void>;
  }) {
    this.clock = options.clock;
    this.log = options.log.child({ svc: 'tls-renewal' });
    this.renew = options.renew;
    this.renewed = options.renewed;
  }

  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), DAY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Reissues the certificate when it is due; true when it did. A failure is logged and tried again tomorrow. */
  async check(): Promise<boolean> {
    let tls: BoxTls | undefined;
    try {
      tls = this.renew(this.clock.now());
    } catch (e) {
      this.log.error({ err: (e as Error).message }, 'cannot renew the box TLS certificate; the current one stays');
      return false;
    }
    if (!tls) return false;
    this.log.info({ fingerprint: tls.fingerprint }, 'box TLS certificate renewed');
    try {
      await this.renewed(tls);
    } catch (e) {
      this.log.error({ err: (e as Error).message }, 'the renewed TLS certificate did not reach every listener');
    }
    return true;
  }
}
