/** Explains, from its first bytes, why a stream without any valid packet is not subunit v2. */
export function notSubunitReason(head: Buffer, totalBytes: number, damagedRegions: boolean): string {
  if (totalBytes === 0) return 'the subunit stream is empty';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'the subunit stream is still gzip-compressed';
  if (damagedRegions) return `no valid subunit v2 packet in ${totalBytes} bytes: every packet was damaged`;
  const text = head.toString('latin1');
  if (/^(test|testing|success|failure|error|skip|tags|time):? /m.test(text)) {
    return 'this looks like a subunit v1 (text) stream; only subunit v2 is supported';
  }
  return `no subunit v2 packet in ${totalBytes} bytes (a v2 stream starts with byte 0xB3)`;
}
