/**
 * An independent ESC/POS decoder for tests: bytes → text lines (GB18030) + the commands seen.
 * Written from the command table in docs/formats.md §4.1 only; it shares no code with the encoder
 * under devices/drivers/escpos, so an encoder bug cannot hide behind the same bug here.
 */
export type DecodedCommand = {
  /** a stable name from the table below, e.g. 'cut', 'drawer-kick', 'qr-store' */
  readonly name: string;
  /** the argument bytes after the command prefix */
  readonly args: readonly number[];
  /** variable-length data carried by the command (barcode digits, QR payload) */
  readonly data?: Uint8Array;
  /** index of the text line being built when the command arrived */
  readonly line: number;
  readonly offset: number;
};

export type DecodedReceipt = {
  readonly lines: string[];
  readonly commands: DecodedCommand[];
  /** offsets of bytes that are neither text nor a known command */
  readonly unknown: number[];
  /** text that did not decode as GB18030 (U+FFFD) counts here */
  readonly badText: number;
};

type Rule = { readonly name: string; readonly fixedArgs: number };
const ESC_RULES: Record<number, Rule> = {
  0x40: { name: 'initialize', fixedArgs: 0 },
  0x21: { name: 'print-mode', fixedArgs: 1 },
  0x45: { name: 'bold', fixedArgs: 1 },
  0x2d: { name: 'underline', fixedArgs: 1 },
  0x47: { name: 'double-strike', fixedArgs: 1 },
  0x4d: { name: 'font', fixedArgs: 1 },
  0x61: { name: 'align', fixedArgs: 1 },
  0x7b: { name: 'upside-down', fixedArgs: 1 },
  0x72: { name: 'colour', fixedArgs: 1 },
  0x32: { name: 'line-spacing-default', fixedArgs: 0 },
  0x33: { name: 'line-spacing', fixedArgs: 1 },
  0x74: { name: 'code-table', fixedArgs: 1 },
  0x52: { name: 'international-charset', fixedArgs: 1 },
  0x64: { name: 'feed-lines', fixedArgs: 1 },
  0x4a: { name: 'feed-dots', fixedArgs: 1 },
  0x70: { name: 'drawer-kick', fixedArgs: 3 },
  0x3d: { name: 'select-peripheral', fixedArgs: 1 },
};
const GS_RULES: Record<number, Rule> = {
  0x21: { name: 'size', fixedArgs: 1 },
  0x42: { name: 'reverse', fixedArgs: 1 },
  0x68: { name: 'barcode-height', fixedArgs: 1 },
  0x77: { name: 'barcode-width', fixedArgs: 1 },
  0x48: { name: 'barcode-hri', fixedArgs: 1 },
  0x66: { name: 'barcode-hri-font', fixedArgs: 1 },
  0x61: { name: 'auto-status', fixedArgs: 1 },
  0x72: { name: 'transmit-status', fixedArgs: 1 },
  0x49: { name: 'printer-id', fixedArgs: 1 },
};
const FS_RULES: Record<number, Rule> = {
  0x26: { name: 'chinese-on', fixedArgs: 0 },
  0x2e: { name: 'chinese-off', fixedArgs: 0 },
  0x21: { name: 'chinese-print-mode', fixedArgs: 1 },
  0x2d: { name: 'chinese-underline', fixedArgs: 1 },
  0x57: { name: 'chinese-quadruple', fixedArgs: 1 },
  0x53: { name: 'chinese-spacing', fixedArgs: 2 },
  0x43: { name: 'kanji-code-system', fixedArgs: 1 },
};
const QR_FUNCTIONS: Record<number, string> = {
  0x41: 'qr-model',
  0x43: 'qr-size',
  0x45: 'qr-error-correction',
  0x50: 'qr-store',
  0x51: 'qr-print',
  0x52: 'qr-size-info',
};

export function decodeEscPos(bytes: Uint8Array): DecodedReceipt {
  const lines: string[] = [''];
  const commands: DecodedCommand[] = [];
  const unknown: number[] = [];
  const gb = new TextDecoder('gb18030');
  let badText = 0;
  let i = 0;

  const add = (name: string, start: number, args: number[], data?: Uint8Array) => {
    commands.push(
      data
        ? { name, args, data, line: lines.length - 1, offset: start }
        : { name, args, line: lines.length - 1, offset: start },
    );
  };
  const fixed = (rule: Rule | undefined, start: number, prefixLength: number): boolean => {
    if (!rule || start + prefixLength + rule.fixedArgs > bytes.length) return false;
    add(rule.name, start, [...bytes.subarray(start + prefixLength, start + prefixLength + rule.fixedArgs)]);
    i = start + prefixLength + rule.fixedArgs;
    return true;
  };

  while (i < bytes.length) {
    const b = bytes[i];
    const start = i;
    if (b === 0x0a) {
      lines.push('');
      i++;
    } else if (b === 0x0d) {
      i++;
    } else if (b >= 0x20 && b !== 0x7f) {
      // Text run: GB18030 trail bytes are >= 0x30, so a run never swallows a control byte.
      while (i < bytes.length && bytes[i] >= 0x20 && bytes[i] !== 0x7f) i++;
      const text = gb.decode(bytes.subarray(start, i));
      badText += [...text].filter((c) => c === '\ufffd').length;
      lines[lines.length - 1] += text;
    } else if (b === 0x1b) {
      if (!fixed(ESC_RULES[bytes[i + 1]], start, 2)) unknown.push(i++);
    } else if (b === 0x1c) {
      if (!fixed(FS_RULES[bytes[i + 1]], start, 2)) unknown.push(i++);
    } else if (b === 0x10 && bytes[i + 1] === 0x04 && i + 2 < bytes.length) {
      add('status-request', start, [bytes[i + 2]]);
      i += 3;
    } else if (b === 0x1d) {
      if (!decodeGs(start)) unknown.push(i++);
    } else {
      unknown.push(i++);
    }
  }
  return { lines, commands, unknown, badText };

  function decodeGs(start: number): boolean {
    const c = bytes[start + 1];
    if (c === 0x56) {
      // GS V m [n]: m 0/1/48/49 cut now; 65/66 feed n then cut (full/partial).
      const m = bytes[start + 2];
      if (m === undefined) return false;
      const partial = m === 1 || m === 49 || m === 66;
      const withFeed = m === 65 || m === 66;
      const end = start + 3 + (withFeed ? 1 : 0);
      if (end > bytes.length) return false;
      add(partial ? 'cut-partial' : 'cut-full', start, [...bytes.subarray(start + 2, end)]);
      i = end;
      return true;
    }
    if (c === 0x6b) {
      const m = bytes[start + 2];
      if (m === undefined) return false;
      if (m <= 6) {
        // function A: data up to NUL
        const nul = bytes.indexOf(0, start + 3);
        if (nul < 0) return false;
        add('barcode', start, [m], bytes.slice(start + 3, nul));
        i = nul + 1;
        return true;
      }
      const n = bytes[start + 3];
      if (n === undefined || start + 4 + n > bytes.length) return false;
      add('barcode', start, [m, n], bytes.slice(start + 4, start + 4 + n));
      i = start + 4 + n;
      return true;
    }
    if (c === 0x28 && bytes[start + 2] === 0x6b) {
      // GS ( k pL pH cn fn ...: pL + pH*256 bytes follow pH
      if (start + 5 > bytes.length) return false;
      const length = bytes[start + 3] + bytes[start + 4] * 256;
      const end = start + 5 + length;
      if (end > bytes.length || length < 2) return false;
      const body = bytes.subarray(start + 5, end);
      const fn = body[1];
      const name = body[0] === 0x31 ? (QR_FUNCTIONS[fn] ?? `qr-fn-${fn}`) : `2d-${body[0]}-fn-${fn}`;
      if (fn === 0x50) add(name, start, [...body.subarray(0, 3)], body.slice(3));
      else add(name, start, [...body]);
      i = end;
      return true;
    }
    if (c === 0x76 && bytes[start + 2] === 0x30) {
      // GS v 0 m xL xH yL yH d…: raster image, (xL + xH*256) * (yL + yH*256) bytes
      if (start + 8 > bytes.length) return false;
      const x = bytes[start + 4] + bytes[start + 5] * 256;
      const y = bytes[start + 6] + bytes[start + 7] * 256;
      const end = start + 8 + x * y;
      if (end > bytes.length) return false;
      add('raster', start, [...bytes.subarray(start + 3, start + 8)]);
      i = end;
      return true;
    }
    return fixed(GS_RULES[c], start, 2);
  }
}

/** Convenience for assertions: the names of the commands, in order. */
export function commandNames(decoded: DecodedReceipt): string[] {
  return decoded.commands.map((c) => c.name);
}
