import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { PtyPair } from '../../simulators/pty-pair.ts';
import { VirtualPrinter } from '../../simulators/virtual-printer.ts';
import { openSerialTransport } from '../../transports/serial.transport.ts';
import { SERIAL_9600_8N1 } from '../../transports/serial-settings.ts';
import { commandNames, decodeEscPos } from '../../testing/escpos-decoder.ts';
import { sampleReceipt } from '../../testing/sample-receipt.ts';
import { openTcpTransport } from '../../transports/tcp.transport.ts';
import { PrintJobRunner } from './print-job.runner.ts';
import { renderReceipt } from './receipt.renderer.ts';

describe('print job runner over real TCP to the virtual printer', () => {
  let printer: VirtualPrinter;
  let runner: PrintJobRunner;
  const job = { id: 'S20261123-0042', bytes: renderReceipt(sampleReceipt(), 80) };

  beforeEach(async () => {
    printer = new VirtualPrinter();
    await printer.start();
    runner = new PrintJobRunner({
      device: 'virtual',
      open: () => openTcpTransport({ host: '127.0.0.1', port: printer.port, connectTimeoutMs: 500 }),
      statusTimeoutMs: 150,
      writeTimeoutMs: 500,
      retryDelayMs: 20,
    });
  });
  afterEach(async () => {
    await printer.stop();
  });

  it('prints: status before and after, the receipt bytes arrive intact, the job leaves pending', async () => {
    const result = await runner.print(job);
    expect(result.ok).toBe(true);
    const decoded = decodeEscPos(printer.received());
    const names = commandNames(decoded);
    expect(names.filter((n) => n === 'status-request')).toHaveLength(6);
    expect(names).toContain('cut-partial');
    expect(decoded.lines.join('\n')).toContain('金龙鱼调和油5L');
    // the bytes between the status requests are the job, byte for byte
    const received = printer.received();
    expect(received.subarray(9, 9 + job.bytes.length)).toEqual(job.bytes);
    expect(runner.pending()).toEqual([]);
  });

  it('paper out: refused before sending, kept pending, resumed after paper is loaded', async () => {
    printer.setPaperOut(true);
    const refused = await runner.print(job);
    expect(refused).toMatchObject({ ok: false, code: 'PRINTER_PAPER_OUT' });
    expect(decodeEscPos(printer.received()).lines.join('')).not.toContain('金龙鱼');
    expect(runner.pending().map((j) => j.id)).toEqual([job.id]);

    printer.setPaperOut(false);
    const resumed = await runner.resume(job.id);
    expect(resumed?.ok).toBe(true);
    expect(runner.pending()).toEqual([]);
    expect(decodeEscPos(printer.received()).lines.join('')).toContain('金龙鱼');
  });

  it('cover open is its own error', async () => {
    printer.setCoverOpen(true);
    expect(await runner.print(job)).toMatchObject({ ok: false, code: 'PRINTER_COVER_OPEN' });
  });

  it('a printer that stops answering mid-job yields PRINTER_JOB_INTERRUPTED and the job can be resumed', async () => {
    printer.stopAnswering(9 + 500); // three status requests, then 500 bytes of the job
    const result = await runner.print(job);
    expect(result).toMatchObject({
      ok: false,
      code: 'PRINTER_JOB_INTERRUPTED',
      params: { jobId: job.id, totalBytes: job.bytes.length },
    });
    expect(runner.pending().map((j) => j.id)).toEqual([job.id]);

    printer.answerAgain();
    printer.clearReceived();
    const resumed = await runner.resume(job.id);
    expect(resumed?.ok).toBe(true);
    expect(decodeEscPos(printer.received()).lines.join('\n')).toContain('谢谢惠顾');
  });

  it('retries a printer that does not answer status, then reports DEVICE_NOT_RESPONDING', async () => {
    printer.stopAnswering(0);
    const result = await runner.print(job);
    expect(result).toMatchObject({ ok: false, code: 'DEVICE_NOT_RESPONDING' });
    expect(printer.connections).toBe(3);
  });

  it('an unreachable printer is DEVICE_UNREACHABLE after the retries', async () => {
    const port = printer.port;
    await printer.stop();
    const result = await new PrintJobRunner({
      device: 'gone',
      open: () => openTcpTransport({ host: '127.0.0.1', port, connectTimeoutMs: 200 }),
      retryDelayMs: 1,
    }).print(job);
    expect(result).toMatchObject({ ok: false, code: 'DEVICE_UNREACHABLE' });
  });

  it('jobs on one printer never interleave', async () => {
    const other = { id: 'other', bytes: renderReceipt(sampleReceipt({ saleId: 'S-OTHER' }), 58) };
    const [a, b] = await Promise.all([runner.print(job), runner.print(other)]);
    expect(a.ok && b.ok).toBe(true);
    const all = printer.received();
    const firstEnd = 9 + job.bytes.length;
    expect(all.subarray(9, firstEnd)).toEqual(job.bytes);
    expect(all.subarray(firstEnd + 9 + 9, firstEnd + 18 + other.bytes.length)).toEqual(other.bytes);
  });
});

describe('print job runner over a serial line (socat pty pair)', () => {
  let pty: PtyPair;
  let printer: VirtualPrinter;
  beforeEach(async () => {
    pty = new PtyPair('printer');
    await pty.start();
    printer = new VirtualPrinter();
    await printer.attachSerial(pty.devicePath);
  });
  afterEach(async () => {
    await printer.stop();
    await pty.stop();
  });

  it('prints a 58 mm receipt, and paper out is reported on serial too', async () => {
    const runner = new PrintJobRunner({
      device: 'serial',
      open: () => openSerialTransport({ path: pty.hostPath, ...SERIAL_9600_8N1 }),
      statusTimeoutMs: 300,
    });
    const job = { id: 'serial-1', bytes: renderReceipt(sampleReceipt(), 58) };
    expect((await runner.print(job)).ok).toBe(true);
    const deadline = Date.now() + 2000;
    while (!decodeEscPos(printer.received()).lines.join('').includes('谢谢惠顾') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    expect(decodeEscPos(printer.received()).lines.join('')).toContain('谢谢惠顾');
    printer.setPaperOut(true);
    expect(await runner.print({ id: 'serial-2', bytes: job.bytes })).toMatchObject({
      ok: false,
      code: 'PRINTER_PAPER_OUT',
    });
    expect(runner.pending().map((j) => j.id)).toEqual(['serial-2']);
  });
});

describe('TCP transport against a plain recording listener', () => {
  it('delivers bytes in order and reports the peer closing', async () => {
    const got: Buffer[] = [];
    const server = createServer((s) => {
      s.on('data', (d) => {
        got.push(d as Buffer);
        if (Buffer.concat(got).length >= 3000) s.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const opened = await openTcpTransport({ host: '127.0.0.1', port, connectTimeoutMs: 500 });
    if (!opened.ok) throw new Error('connect failed');
    const closed = new Promise<void>((r) => opened.value.onClose(() => r()));
    const payload = Uint8Array.from({ length: 3000 }, (_, i) => i % 251);
    await opened.value.write(payload.subarray(0, 1000));
    await opened.value.write(payload.subarray(1000));
    await closed;
    expect(new Uint8Array(Buffer.concat(got))).toEqual(payload);
    await opened.value.close();
    await new Promise<void>((r) => server.close(() => r()));
  });
});
