import yauzl from 'yauzl';
import type { Entry } from 'yauzl';

export type ZipMember = {
  /** the raw name bytes: Alipay writes GBK names with the UTF-8 flag clear (docs/formats.md §1.2) */
  readonly rawName: Buffer;
  readonly data: Buffer;
};

/** Bound on what one member may inflate to, so a crafted archive cannot exhaust memory. */
const MAX_MEMBER_BYTES = 1024 * 1024 * 1024;

export function isZip(bytes: Uint8Array): boolean {
  // local file header signature PK\3\4 (APPNOTE 4.3.7)
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Every file member of a ZIP held in memory. Names are left as bytes (`decodeStrings: false`):
 * yauzl would otherwise decode them as CP437. Rejects (throws) on a corrupt or truncated archive.
 */
export function readZipMembers(bytes: Uint8Array): Promise<ZipMember[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { lazyEntries: true, decodeStrings: false },
      (openErr, zip) => {
        if (openErr || !zip) return reject(openErr ?? new Error('cannot open archive'));
        const members: ZipMember[] = [];
        zip.on('error', reject);
        zip.on('end', () => resolve(members));
        zip.on('entry', (entry: Entry) => {
          const rawName = entry.fileName as unknown as Buffer;
          if (rawName[rawName.length - 1] === 0x2f /* '/': a directory */) return zip.readEntry();
          if (entry.uncompressedSize > MAX_MEMBER_BYTES) return reject(new Error('member too large'));
          zip.openReadStream(entry, (streamErr, stream) => {
            if (streamErr || !stream) return reject(streamErr ?? new Error('cannot read member'));
            const chunks: Buffer[] = [];
            stream.on('data', (c: Buffer) => chunks.push(c));
            stream.on('error', reject);
            stream.on('end', () => {
              members.push({ rawName, data: Buffer.concat(chunks) });
              zip.readEntry();
            });
          });
        });
        zip.readEntry();
      },
    );
  });
}
