/**
 * subunit v2 varint: the top two bits of the first byte give the size (1-4 bytes), the remaining
 * 6 bits and the following bytes are the value, big-endian.
 */
export function varintSize(firstByte: number): number {
  return (firstByte >> 6) + 1;
}

/** The value of the varint at `pos`, whose `size` bytes the caller has checked are present. */
export function varintValue(buf: Buffer, pos: number, size: number): number {
  let value = buf[pos] & 0x3f;
  for (let i = 1; i < size; i++) value = value * 256 + buf[pos + i];
  return value;
}

/** Reads the varint at `pos`; `end` bounds it. Returns undefined when it runs past `end`. */
export function readVarint(buf: Buffer, pos: number, end: number): { value: number; size: number } | undefined {
  if (pos >= end) return undefined;
  const size = varintSize(buf[pos]);
  if (pos + size > end) return undefined;
  return { value: varintValue(buf, pos, size), size };
}
