import type { Duplex } from 'node:stream';

/**
 * Tracks MQTT frame boundaries in a byte stream and reports a frame whose declared size is too
 * large before its body arrives: a fixed header byte, then the Remaining Length as 1–4 bytes of
 * 7 bits, least significant first, high bit = more [MQTT-2.2.3]; then that many bytes.
 * aedes (mqtt-packet) has no size limit of its own for MQTT 3.1.1, so this guards the socket.
 */
export function createFrameSizeCheck(maxRemainingLength: number): (chunk: Uint8Array) => boolean {
  let state: 'header' | 'length' | 'body' = 'header';
  let length = 0;
  let multiplier = 1;
  let lengthBytes = 0;
  let bodyLeft = 0;
  return (chunk) => {
    let i = 0;
    while (i < chunk.length) {
      if (state === 'header') {
        i++;
        state = 'length';
        length = 0;
        multiplier = 1;
        lengthBytes = 0;
      } else if (state === 'length') {
        const b = chunk[i++];
        length += (b & 0x7f) * multiplier;
        multiplier *= 128;
        lengthBytes++;
        if (length > maxRemainingLength) return false;
        if ((b & 0x80) === 0) {
          bodyLeft = length;
          state = bodyLeft === 0 ? 'header' : 'body';
        } else if (lengthBytes === 4) return false; // malformed: at most 4 length bytes [MQTT-2.2.3]
      } else {
        const take = Math.min(bodyLeft, chunk.length - i);
        i += take;
        bodyLeft -= take;
        if (bodyLeft === 0) state = 'header';
      }
    }
    return true;
  };
}

/**
 * Watches what the broker reads from a connection and destroys it on an oversized frame. With a
 * 'readable' listener (aedes) present, 'data' is emitted for each read() and does not change the
 * stream's flow (Node stream docs, "Choose one API style"), so this only observes.
 */
export function guardFrameSize(stream: Duplex, maxRemainingLength: number, onTooLarge: () => void): void {
  const check = createFrameSizeCheck(maxRemainingLength);
  const watch = (chunk: Buffer) => {
    if (check(chunk)) return;
    stream.off('data', watch);
    onTooLarge();
    stream.destroy();
  };
  stream.on('data', watch);
}
