/**
 * Device figures: receipt render time (pure), and a full print job over real TCP to the virtual
 * printer (status before + bytes + status after), and a scale request/answer over a socat pty.
 * Every loop is bounded in count and in time.
 */
import { performance } from 'node:perf_hooks';
import { renderReceipt } from '../../devices/drivers/escpos/receipt.renderer.ts';
import { PrintJobRunner } from '../../devices/drivers/escpos/print-job.runner.ts';
import { scaleProtocol } from '../../devices/drivers/scales/scale-protocols.ts';
import { ScaleDriver } from '../../devices/drivers/scales/scale.driver.ts';
import { PtyPair } from '../../devices/simulators/pty-pair.ts';
import { VirtualPrinter } from '../../devices/simulators/virtual-printer.ts';
import { VirtualScale } from '../../devices/simulators/virtual-scale.ts';
import { sampleReceipt } from '../../devices/testing/sample-receipt.ts';
import { openSerialTransport } from '../../devices/transports/serial.transport.ts';
import { openTcpTransport } from '../../devices/transports/tcp.transport.ts';
import type { BenchResult } from './bench-result.ts';
import { percentile, round } from './bench-result.ts';

async function sample(count: number, budgetMs: number, fn: () => unknown): Promise<number[]> {
  const samples: number[] = [];
  const end = performance.now() + budgetMs;
  for (let i = 0; i < count && performance.now() < end; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return samples;
}

export default async function (): Promise<BenchResult[]> {
  const receipt = sampleReceipt();
  const render = await sample(2000, 3000, () => renderReceipt(receipt, 80));
  const renderP99 = round(percentile(render, 99));

  const printer = new VirtualPrinter();
  await printer.start();
  const runner = new PrintJobRunner({
    device: 'bench',
    open: () => openTcpTransport({ host: '127.0.0.1', port: printer.port, connectTimeoutMs: 500 }),
  });
  const bytes = renderReceipt(receipt, 80);
  let id = 0;
  const print = await sample(200, 5000, async () => {
    const r = await runner.print({ id: String(id++), bytes });
    if (!r.ok) throw new Error(r.code);
    printer.clearReceived();
  });
  await printer.stop();
  const printP95 = round(percentile(print, 95));

  const pty = new PtyPair('bench');
  await pty.start();
  const scale = new VirtualScale({ path: pty.devicePath, protocol: 'toledo-8217' });
  await scale.start();
  scale.place(1234);
  const opened = await openSerialTransport({ path: pty.hostPath, ...scaleProtocol('toledo-8217').serial });
  if (!opened.ok) throw new Error('pty');
  const driver = new ScaleDriver({ transport: opened.value, protocol: scaleProtocol('toledo-8217'), polling: false });
  driver.start();
  const weigh = await sample(300, 5000, async () => {
    if ((await driver.read())?.grams !== 1234) throw new Error('scale');
  });
  await driver.stop();
  await opened.value.close();
  await scale.stop();
  await pty.stop();
  const weighP95 = round(percentile(weigh, 95));

  return [
    { name: 'devices: render 80 mm receipt p99', value: renderP99, unit: 'ms', target: '< 2 ms', ok: renderP99 < 2 },
    {
      name: `devices: TCP print job (status, ${bytes.length} B, status) p95`,
      value: printP95,
      unit: 'ms',
      target: '< 50 ms',
      ok: printP95 < 50,
    },
    {
      name: 'devices: 8217 scale W → weight over pty p95',
      value: weighP95,
      unit: 'ms',
      target: '< 20 ms',
      ok: weighP95 < 20,
    },
  ];
}
