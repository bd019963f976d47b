import { SIGNATURE, SubunitPacket } from './packet';
import { PacketReader } from './packet-reader';

export type DecoderEvent =
  /** `length`: the packet's bytes, signature to CRC. */
  | { kind: 'packet'; packet: SubunitPacket; length: number }
  /** Bytes between packets that are not subunit (a view: copy to keep). */
  | { kind: 'non-subunit'; offset: number; bytes: Buffer }
  /** A damaged region (bad CRC, truncated or malformed packet) that was skipped. */
  | { kind: 'bad-bytes'; offset: number; length: number; reason: string };

/**
 * Streaming subunit v2 decoder: feed chunks with `push`, then call `end`; both return the events
 * the bytes completed (an array rather than a generator: cheaper per packet).
 * It holds at most one packet (< 4 MiB) plus the current chunk.
 *
 * Damage handling: a packet that fails (bad CRC, bad field, truncated) is skipped by its claimed
 * length when a signature or the end of input follows it, as python-subunit does. Otherwise its
 * length is not trusted and decoding resynchronises at the next signature byte that starts a
 * valid packet; everything skipped is reported as one `bad-bytes` region.
 */
export class SubunitPacketDecoder {
  private readonly reader = new PacketReader();
  /** Undecoded bytes of the previous chunks: the start of a packet that did not fit. */
  private leftover: Buffer = Buffer.alloc(0);
  /** Bytes the leftover must reach before decoding can make progress. */
  private need = 1;
  /** Input offset of the first leftover byte. */
  private base = 0;
  /** Continuation bytes still expected by a UTF-8 character in non-subunit text: a 0xB3 there is text. */
  private utf8Pending = 0;
  private badRegion: { offset: number; reason: string } | undefined;
  private resyncing = false;

  push(chunk: Buffer): DecoderEvent[] {
    const events: DecoderEvent[] = [];
    let from = 0;
    // Complete a packet split across chunks by copying only the bytes it needs, not the whole chunk.
    while (this.leftover.length > 0 && from < chunk.length) {
      const take = Math.min(chunk.length - from, this.need - this.leftover.length);
      const joined = Buffer.concat([this.leftover, chunk.subarray(from, from + take)]);
      from += take;
      if (joined.length < this.need) this.leftover = joined;
      else this.drain(joined, false, events);
    }
    if (from < chunk.length) this.drain(chunk.subarray(from), false, events);
    return events;
  }

  end(): DecoderEvent[] {
    const events: DecoderEvent[] = [];
    if (this.leftover.length > 0) this.drain(this.leftover, true, events);
    this.closeBadRegion(this.base, events);
    return events;
  }

  /** Decodes `buf` (the leftover followed by new bytes) into `events`; keeps what cannot be decoded yet. */
  private drain(buf: Buffer, atEof: boolean, events: DecoderEvent[]): void {
    let pos = 0;
    let need = 1;
    while (pos < buf.length) {
      if (this.resyncing) {
        const next = buf.indexOf(SIGNATURE, pos);
        if (next === -1) {
          pos = buf.length;
          break;
        }
        pos = next;
      } else if (this.utf8Pending > 0 || buf[pos] !== SIGNATURE) {
        const runEnd = this.scanText(buf, pos);
        events.push({ kind: 'non-subunit', offset: this.base + pos, bytes: buf.subarray(pos, runEnd) });
        pos = runEnd;
        continue;
      }

      const offset = this.base + pos;
      const result = this.reader.read(buf, pos, offset, atEof);
      if (result.kind === 'need') {
        need = result.bytes;
        break;
      }
      if (result.kind === 'packet') {
        this.closeBadRegion(offset, events);
        this.resyncing = false;
        events.push(result);
        pos += result.length;
        continue;
      }

      this.badRegion ??= { offset, reason: result.reason };
      const after = result.length === undefined ? -1 : pos + result.length;
      if (after !== -1 && after === buf.length && !atEof) {
        need = result.length! + 1; // one more byte shows whether a packet follows
        break;
      }
      if (after !== -1 && (after === buf.length || buf[after] === SIGNATURE)) {
        pos = after;
        if (!this.resyncing) this.closeBadRegion(this.base + pos, events);
      } else {
        this.resyncing = true;
        pos += 1;
      }
    }
    this.base += pos;
    this.leftover = buf.subarray(pos);
    this.need = Math.max(need, 1);
  }

  /** Returns the end of the run of non-subunit bytes starting at `pos`, tracking UTF-8 state. */
  private scanText(buf: Buffer, pos: number): number {
    let i = pos;
    let pending = this.utf8Pending;
    for (; i < buf.length; i++) {
      const b = buf[i];
      if (pending > 0 && (b & 0xc0) === 0x80) {
        pending--;
        continue;
      }
      if (b === SIGNATURE) break;
      pending = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    }
    this.utf8Pending = pending;
    return i;
  }

  private closeBadRegion(endOffset: number, events: DecoderEvent[]): void {
    const region = this.badRegion;
    if (!region) return;
    this.badRegion = undefined;
    events.push({ kind: 'bad-bytes', offset: region.offset, length: endOffset - region.offset, reason: region.reason });
  }
}
