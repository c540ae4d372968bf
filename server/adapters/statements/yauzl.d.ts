// The few yauzl 3 APIs zip-archive.ts uses; @types/yauzl is not installed in this tree.
declare module 'yauzl' {
  import type { EventEmitter } from 'node:events';
  import type { Readable } from 'node:stream';

  export interface Entry {
    fileName: string | Buffer;
    uncompressedSize: number;
    compressedSize: number;
  }
  export interface ZipFile extends EventEmitter {
    readEntry(): void;
    openReadStream(entry: Entry, callback: (err: Error | null, stream?: Readable) => void): void;
  }
  export interface Options {
    lazyEntries?: boolean;
    decodeStrings?: boolean;
    validateEntrySizes?: boolean;
  }
  export function fromBuffer(
    buffer: Buffer,
    options: Options,
    callback: (err: Error | null, zipfile?: ZipFile) => void,
  ): void;
  const yauzl: { fromBuffer: typeof fromBuffer };
  export default yauzl;
}
