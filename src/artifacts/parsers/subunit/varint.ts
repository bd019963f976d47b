/**
 * subunit v2 varint: the top two bits of the first byte give the size (1-4 bytes), the remaining
 * 6 bits and the following bytes are the value, big-endian.
 */
export function varintSize(firstByte: number): number {
  return (firstByte >> 6) + 1;
}

/** Reads the varint at `pos`; `end` bounds it. Returns undefined when it runs past `end`. */
export function readVarint(buf: Buffer, pos: number, end: number): { value: number; size: number } | undefined {
  if (pos >= end) return undefined;
  const first = buf[pos];
  const size = varintSize(first);
  if (pos + size > end) return undefined;
  let value = first & 0x3f;
  for (let i = 1; i < size; i++) value = value * 256 + buf[pos + i];
  return { value, size };
}
