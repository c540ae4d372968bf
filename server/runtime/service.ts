import type { Logger } from 'pino';

/**
 * A service: the constructor only assigns, start() does the work, stop() undoes it and may be
 * called twice (STYLE.md habit 5).
 */
export interface Service {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts services in order and stops them in reverse; a failed start stops what already started. */
export class ServiceRunner {
  private readonly services: readonly Service[];
  private readonly log: Logger;
  private started: Service[] = [];

  constructor(services: readonly Service[], log: Logger) {
    this.services = services;
    this.log = log;
  }

  async start(): Promise<void> {
    for (const service of this.services) {
      try {
        await service.start();
      } catch (e) {
        this.log.error({ service: service.name, err: e }, 'service failed to start');
        await this.stop();
        throw e;
      }
      this.started.push(service);
      this.log.debug({ service: service.name }, 'started');
    }
  }

  async stop(): Promise<void> {
    const toStop = this.started.reverse();
    this.started = [];
    for (const service of toStop) {
      try {
        await service.stop();
        this.log.debug({ service: service.name }, 'stopped');
      } catch (e) {
        this.log.error({ service: service.name, err: e }, 'service failed to stop cleanly');
      }
    }
  }
}
