/**
 * ESC/POS command bytes (Epson ESC/POS as honoured by Xprinter, Gprinter, Rongta), from
 * docs/formats.md §4.1–4.2. Pure functions returning bytes; no I/O.
 */
const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const EOT = 0x04;

export const LF = Uint8Array.of(0x0a);
/** ESC @: clear buffer and reset modes (incl. code page and QR settings). */
export const INITIALIZE = Uint8Array.of(ESC, 0x40);
/** FS &: Chinese (multi-byte) mode on; bytes >= 0x81 are read as GB18030 pairs/quads. */
export const CHINESE_MODE_ON = Uint8Array.of(FS, 0x26);
/** FS .: Chinese mode off. */
export const CHINESE_MODE_OFF = Uint8Array.of(FS, 0x2e);

export type Alignment = 'left' | 'center' | 'right';
const ALIGN_CODE: Record<Alignment, number> = { left: 0, center: 1, right: 2 };

/** ESC a n: justification 0 left, 1 centre, 2 right. */
export function align(alignment: Alignment): Uint8Array {
  return Uint8Array.of(ESC, 0x61, ALIGN_CODE[alignment]);
}

/** ESC E n: emphasized (bold) on/off. */
export function bold(on: boolean): Uint8Array {
  return Uint8Array.of(ESC, 0x45, on ? 1 : 0);
}

/** ESC - n: underline 0 off, 1 one-dot, 2 two-dot. */
export function underline(dots: 0 | 1 | 2): Uint8Array {
  return Uint8Array.of(ESC, 0x2d, dots);
}

/** GS ! n: character size, high nibble = width − 1, low nibble = height − 1 (1..8 each). */
export function characterSize(width: number, height: number): Uint8Array {
  if (!isIntIn(width, 1, 8) || !isIntIn(height, 1, 8))
    throw new RangeError(`character size ${width}x${height} outside 1..8`);
  return Uint8Array.of(GS, 0x21, ((width - 1) << 4) | (height - 1));
}

/** ESC d n: print and feed n lines. */
export function feedLines(lines: number): Uint8Array {
  if (!isIntIn(lines, 0, 255)) throw new RangeError(`feed ${lines} lines outside 0..255`);
  return Uint8Array.of(ESC, 0x64, lines);
}

/** GS V 65 n (full) / GS V 66 n (partial): feed n motion units, then cut. Many Xprinter models only cut partially. */
export function feedAndCut(partial: boolean, feedUnits: number): Uint8Array {
  if (!isIntIn(feedUnits, 0, 255)) throw new RangeError(`cut feed ${feedUnits} outside 0..255`);
  return Uint8Array.of(GS, 0x56, partial ? 66 : 65, feedUnits);
}

/** ESC p m t1 t2: drawer kick; m 0 = pin 2, 1 = pin 5; pulse on t1×2 ms, off t2×2 ms. */
export function drawerKick(pin: 2 | 5, onMs: number, offMs: number): Uint8Array {
  const t1 = Math.round(onMs / 2);
  const t2 = Math.round(offMs / 2);
  if (!isIntIn(t1, 1, 255) || !isIntIn(t2, 1, 255))
    throw new RangeError(`drawer pulse ${onMs}/${offMs} ms outside 2..510`);
  return Uint8Array.of(ESC, 0x70, pin === 2 ? 0 : 1, t1, t2);
}

export type BarcodeSymbology = 'UPC_A' | 'EAN13' | 'EAN8' | 'CODE39' | 'ITF' | 'CODE128';
/** GS k function B type codes (m = 65..73). */
const BARCODE_TYPE: Record<BarcodeSymbology, number> = {
  UPC_A: 65,
  EAN13: 67,
  EAN8: 68,
  CODE39: 69,
  ITF: 70,
  CODE128: 73,
};
const BARCODE_DATA: Record<BarcodeSymbology, RegExp> = {
  UPC_A: /^\d{11,12}$/,
  EAN13: /^\d{12,13}$/,
  EAN8: /^\d{7,8}$/,
  CODE39: /^[0-9A-Z $%*+\-./]{1,255}$/,
  ITF: /^(\d\d){1,127}$/,
  CODE128: /^[\x20-\x7e]{1,253}$/,
};

export type BarcodeOptions = {
  readonly heightDots: number;
  readonly moduleWidth: 2 | 3 | 4 | 5 | 6;
  readonly hri: 'none' | 'below';
};

/** GS h n height, GS w n module width, GS H n HRI position, then GS k m n d… (function B). */
export function barcode(data: string, symbology: BarcodeSymbology, options: BarcodeOptions): Uint8Array {
  if (!BARCODE_DATA[symbology].test(data)) throw new RangeError(`barcode data not valid for ${symbology}`);
  if (!isIntIn(options.heightDots, 1, 255)) throw new RangeError(`barcode height ${options.heightDots} outside 1..255`);
  // CODE128 data must start with a code-set selector; {B covers printable ASCII.
  const payload = symbology === 'CODE128' ? `{B${data}` : data;
  const bytes = [...payload].map((c) => c.charCodeAt(0));
  return Uint8Array.of(
    GS,
    0x68,
    options.heightDots,
    GS,
    0x77,
    options.moduleWidth,
    GS,
    0x48,
    options.hri === 'none' ? 0 : 2,
    GS,
    0x6b,
    BARCODE_TYPE[symbology],
    bytes.length,
    ...bytes,
  );
}

export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';
const QR_EC: Record<QrErrorCorrection, number> = { L: 48, M: 49, Q: 50, H: 51 };
/** GS ( k store-data limit: pL + pH·256 = len + 3 ≤ 7092. */
export const QR_MAX_BYTES = 7089;

/**
 * QR code with GS ( k: fn 65 model 2, fn 67 module size, fn 69 error correction, fn 80 store
 * data (pL pH = len + 3), fn 81 print. Payload is taken as bytes (UTF-8 for text).
 */
export function qrCode(payload: Uint8Array, moduleSize: number, errorCorrection: QrErrorCorrection): Uint8Array {
  if (payload.length === 0 || payload.length > QR_MAX_BYTES)
    throw new RangeError(`QR payload of ${payload.length} bytes outside 1..${QR_MAX_BYTES}`);
  if (!isIntIn(moduleSize, 1, 16)) throw new RangeError(`QR module size ${moduleSize} outside 1..16`);
  const storeLength = payload.length + 3;
  return concatBytes([
    Uint8Array.of(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 50, 0x00),
    Uint8Array.of(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, moduleSize),
    Uint8Array.of(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, QR_EC[errorCorrection]),
    Uint8Array.of(GS, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 0x31, 0x50, 0x30),
    payload,
    Uint8Array.of(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30),
  ]);
}

/** DLE EOT n real-time status: 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor. */
export type StatusQuery = 1 | 2 | 3 | 4;
export function statusRequest(n: StatusQuery): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function isIntIn(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}
