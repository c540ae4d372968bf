import type { Fault, PayBehaviour } from './behaviours.ts';
import { SimHttpServer, type SimReply } from './sim-http.ts';
import type { SimLedger, SimTrade } from './sim-ledger.ts';

/**
 * What every channel simulator shares: its HTTP server on 127.0.0.1, its order book, the calls it
 * received, and one-shot faults scripted per operation. A channel adds its wire format in `handle`.
 */
export abstract class SimulatedChannel<Op extends string> {
  readonly calls: { op: Op; outTradeNo: string }[] = [];
  protected readonly ledger: SimLedger;
  protected readonly http: SimHttpServer;
  readonly #faults = new Map<Op, Fault>();

  protected constructor(ledger: SimLedger) {
    this.ledger = ledger;
    this.http = new SimHttpServer((path, body) => this.handle(path, body));
  }

  protected abstract handle(path: string, body: string): SimReply | Promise<SimReply>;

  start(): Promise<void> {
    return this.http.start();
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  script(authCode: string, behaviour: PayBehaviour): void {
    this.ledger.script(authCode, behaviour);
  }

  failNext(op: Op, fault: Fault): void {
    this.#faults.set(op, fault);
  }

  trades(): SimTrade[] {
    return this.ledger.trades();
  }

  /** Records the call and takes the fault scripted for its operation, if any (each fires once). */
  protected received(op: Op, outTradeNo: string): Fault | undefined {
    this.calls.push({ op, outTradeNo });
    const fault = this.#faults.get(op);
    this.#faults.delete(op);
    return fault;
  }
}
