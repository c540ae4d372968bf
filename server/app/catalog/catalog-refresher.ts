import type { Logger } from 'pino';
import type { Service } from '../../runtime/service.ts';
import type { CatalogService } from './catalog-service.ts';

/** Reloads the in-memory catalog when catalog_revision moves (API edits, or a CLI import into the running box). */
export class CatalogRefresher implements Service {
  readonly name = 'catalog';
  private timer: NodeJS.Timeout | undefined;
  private readonly catalog: CatalogService;
  private readonly log: Logger;
  constructor(catalog: CatalogService, log: Logger) {
    this.catalog = catalog;
    this.log = log;
  }
  async start(): Promise<void> {
    this.catalog.refresh();
    this.timer = setInterval(() => {
      try {
        if (this.catalog.refresh()) this.log.info({ products: this.catalog.index().size }, 'catalog reloaded');
      } catch (e) {
        this.log.error({ err: e }, 'catalog reload failed');
      }
    }, 1000);
    this.timer.unref();
  }
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
