import type { Service } from '../../runtime/service.ts';
import type { StockService } from './stock-service.ts';

/**
 * Announces the stock alerts a completed sale causes (`stock.alert` on the bus: a product gone negative or
 * below its minimum), after the sale's commit, so a lane's reply never waits on it.
 */
export class StockAlerts implements Service {
  readonly name = 'stock-alerts';
  private readonly stock: StockService;
  private off: (() => void) | undefined;

  constructor(stock: StockService) {
    this.stock = stock;
  }

  async start(): Promise<void> {
    this.off ??= this.stock.ctx.bus.on('sale.completed', ({ saleId }) => this.stock.announceRef(saleId));
  }

  async stop(): Promise<void> {
    this.off?.();
    this.off = undefined;
  }
}
