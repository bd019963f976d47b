import { crc32 } from 'zlib';

/** Below this length a table-driven CRC in JS beats zlib's (no view to allocate, no native call). */
const NATIVE_FROM_BYTES = 256;

/** CRC32 (zlib's polynomial) lookup tables for slicing by 8: TABLE[k * 256 + b]. */
const TABLE = new Int32Array(8 * 256);
for (let b = 0; b < 256; b++) {
  let c = b;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  TABLE[b] = c;
}
for (let i = 256; i < TABLE.length; i++) TABLE[i] = (TABLE[i - 256] >>> 8) ^ TABLE[TABLE[i - 256] & 0xff];

/** CRC32 of `buf[start, end)`, as `zlib.crc32` computes it. */
export function packetCrc32(buf: Buffer, start: number, end: number): number {
  if (end - start >= NATIVE_FROM_BYTES) return crc32(buf.subarray(start, end));
  let c = -1;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    c ^= buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24);
    c =
      TABLE[1792 + (c & 0xff)] ^
      TABLE[1536 + ((c >>> 8) & 0xff)] ^
      TABLE[1280 + ((c >>> 16) & 0xff)] ^
      TABLE[1024 + (c >>> 24)] ^
      TABLE[768 + buf[i + 4]] ^
      TABLE[512 + buf[i + 5]] ^
      TABLE[256 + buf[i + 6]] ^
      TABLE[buf[i + 7]];
  }
  for (; i < end; i++) c = TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
