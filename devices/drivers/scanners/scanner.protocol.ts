import type { SerialSettings } from '../../transports/serial-settings.ts';
import { SERIAL_9600_8N1 } from '../../transports/serial-settings.ts';

/** Serial scanners ship at 9600 8N1 and end each code with CR and/or LF. */
export const SCANNER_SERIAL: SerialSettings = SERIAL_9600_8N1;

export type Symbology =
  | 'EAN-13'
  | 'UPC-A'
  | 'UPC-E'
  | 'EAN-8'
  | 'EAN add-on'
  | 'ITF'
  | 'Code 39'
  | 'Code 128'
  | 'GS1-128'
  | 'GS1 DataBar'
  | 'QR'
  | 'GS1 QR'
  | 'Data Matrix'
  | 'GS1 DataMatrix'
  | 'unknown';

/**
 * AIM symbology identifiers (ISO/IEC 15424) as sent before the data, docs/formats.md §8.1
 * (jodal/biip symbology.py). ]E0 covers EAN-13, UPC-A and UPC-E: told apart by length.
 */
export const AIM_IDENTIFIERS: readonly (readonly [string, Symbology])[] = [
  [']E0', 'EAN-13'],
  [']E1', 'EAN add-on'],
  [']E2', 'EAN add-on'],
  [']E3', 'EAN-13'],
  [']E4', 'EAN-8'],
  [']I0', 'ITF'],
  [']I1', 'ITF'],
  [']A0', 'Code 39'],
  [']C0', 'Code 128'],
  [']C1', 'GS1-128'],
  [']e0', 'GS1 DataBar'],
  [']Q1', 'QR'],
  [']Q3', 'GS1 QR'],
  [']d1', 'Data Matrix'],
  [']d2', 'GS1 DataMatrix'],
];

/** How a scanner is configured to frame its output. */
export type ScannerFraming = {
  /** the scanner sends AIM identifiers */
  readonly aim: boolean;
  /** a configured prefix / suffix (e.g. STX … ETX), stripped when present */
  readonly prefix: string;
  readonly suffix: string;
};

export const DEFAULT_SCANNER_FRAMING: ScannerFraming = { aim: true, prefix: '', suffix: '' };

export type Scan = { readonly code: string; readonly symbology: Symbology };

/**
 * One line from the scanner (terminator already removed) → the scan. Returns undefined for an
 * empty code. FNC1 in GS1 codes arrives as GS (0x1D) and stays in the code for the GS1 parser.
 */
export function parseScanLine(line: string, framing: ScannerFraming): Scan | undefined {
  let rest = line;
  if (framing.prefix && rest.startsWith(framing.prefix)) rest = rest.slice(framing.prefix.length);
  if (framing.suffix && rest.endsWith(framing.suffix)) rest = rest.slice(0, -framing.suffix.length);
  let symbology: Symbology = 'unknown';
  if (framing.aim && rest.startsWith(']') && rest.length >= 3) {
    const id = rest.slice(0, 3);
    symbology = AIM_IDENTIFIERS.find(([aim]) => aim === id)?.[1] ?? 'unknown';
    rest = rest.slice(3);
    if (id === ']E0' && /^\d{12}$/.test(rest)) symbology = 'UPC-A';
    if (id === ']E0' && /^\d{8}$/.test(rest)) symbology = 'UPC-E';
  }
  // other control characters are line noise, not data
  const code = rest.replace(/[\x00-\x1c\x1e\x1f\x7f]/g, '');
  return code.length > 0 ? { code, symbology } : undefined;
}
