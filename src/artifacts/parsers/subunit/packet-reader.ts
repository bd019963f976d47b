import { isUtf8 } from 'buffer';
import {
  FLAG_EOF,
  FLAG_FILE_CONTENT,
  FLAG_MIME_TYPE,
  FLAG_ROUTE_CODE,
  FLAG_RUNNABLE,
  FLAG_TAGS,
  FLAG_TEST_ID,
  FLAG_TIMESTAMP,
  MAX_PACKET_LENGTH,
  STATUS_BY_CODE,
  STATUS_MASK,
  SubunitPacket,
  VERSION_2,
} from './packet';
import { packetCrc32 } from './packet-crc';
import { RecentStrings } from './recent-strings';
import { subunitTimestampMicros } from './timestamps';
import { varintSize, varintValue } from './varint';

/** Smallest packet: signature, flags, a 1-byte length and the CRC. */
const MIN_PACKET_LENGTH = 8;

export type PacketReadResult =
  | { kind: 'packet'; packet: SubunitPacket; length: number }
  /** `bytes` counted from the signature are needed before the packet can be judged. */
  | { kind: 'need'; bytes: number }
  /** `length` is the packet's claimed length when its header could be read. */
  | { kind: 'bad'; reason: string; length: number | undefined };

class FieldError extends Error {}

/** Reads packets; it remembers recent strings (RecentStrings), so one reader serves one stream. */
export class PacketReader {
  private readonly testIds = new RecentStrings(8);
  private readonly otherStrings = new RecentStrings(16);
  /** The packet's fields being read: `buf[pos, end)`. */
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private end = 0;

  /**
   * Reads the packet whose signature is at `buf[pos]`. `atEof` says no more bytes will come, so a
   * packet that does not fit is truncated rather than incomplete.
   */
  read(buf: Buffer, pos: number, offset: number, atEof: boolean): PacketReadResult {
    const available = buf.length - pos;
    if (available < 4) return incomplete(4, available, atEof, undefined);
    const flags = buf.readUInt16BE(pos + 1);
    const lengthSize = varintSize(buf[pos + 3]);
    if (lengthSize === 4) return { kind: 'bad', reason: 'packet length uses a 4-byte varint (at most 3 allowed)', length: undefined };
    if (available < 3 + lengthSize) return incomplete(3 + lengthSize, available, atEof, undefined);
    const length = varintValue(buf, pos + 3, lengthSize);
    if (length < MIN_PACKET_LENGTH + lengthSize - 1 || length > MAX_PACKET_LENGTH) {
      return { kind: 'bad', reason: `impossible packet length ${length}`, length: undefined };
    }
    if (available < length) return incomplete(length, available, atEof, length);

    const crcPos = pos + length - 4;
    const stored = buf.readUInt32BE(crcPos);
    const computed = packetCrc32(buf, pos, crcPos);
    if (stored !== computed) {
      return { kind: 'bad', reason: `bad CRC32 (stored 0x${hex(stored)}, computed 0x${hex(computed)})`, length };
    }
    if (flags >> 12 !== VERSION_2) return { kind: 'bad', reason: `unsupported version ${flags >> 12}`, length };
    this.buf = buf;
    this.pos = pos + 3 + lengthSize;
    this.end = crcPos;
    try {
      return { kind: 'packet', packet: this.fields(flags, offset), length };
    } catch (err) {
      if (err instanceof FieldError) return { kind: 'bad', reason: err.message, length };
      throw err;
    }
  }

  /** Fields come in this order, each only when its flag is set. */
  private fields(flags: number, offset: number): SubunitPacket {
    let timestampMicros: number | undefined;
    if (flags & FLAG_TIMESTAMP) {
      const seconds = this.buf.readUInt32BE(this.skip(4, 'timestamp'));
      timestampMicros = subunitTimestampMicros(seconds, this.varint('timestamp'));
    }
    const testId = flags & FLAG_TEST_ID ? this.string('test id', this.testIds) : undefined;
    let tags: string[] | undefined;
    if (flags & FLAG_TAGS) {
      const count = this.varint('tag count');
      tags = [];
      for (let i = 0; i < count; i++) tags.push(this.string('tag', this.otherStrings));
    }
    const mimeType = flags & FLAG_MIME_TYPE ? this.string('MIME type', this.otherStrings) : undefined;
    let fileName: string | undefined;
    let fileBytes: Buffer | undefined;
    if (flags & FLAG_FILE_CONTENT) {
      fileName = this.string('file name', this.otherStrings);
      const length = this.varint('file length');
      const start = this.skip(length, 'file content');
      fileBytes = this.buf.subarray(start, start + length);
    }
    const routeCode = flags & FLAG_ROUTE_CODE ? this.string('route code', this.otherStrings) : undefined;
    return {
      offset,
      flags,
      status: STATUS_BY_CODE[flags & STATUS_MASK],
      testId,
      routeCode,
      timestampMicros,
      tags,
      mimeType,
      fileName,
      fileBytes,
      runnable: (flags & FLAG_RUNNABLE) !== 0,
      eof: (flags & FLAG_EOF) !== 0,
    };
  }

  private varint(what: string): number {
    const size = this.pos < this.end ? varintSize(this.buf[this.pos]) : 1;
    if (this.pos + size > this.end) throw new FieldError(`${what} runs past the end of the packet`);
    const value = varintValue(this.buf, this.pos, size);
    this.pos += size;
    return value;
  }

  /** Steps over `n` bytes; returns where they start. */
  private skip(n: number, what: string): number {
    if (this.pos + n > this.end) throw new FieldError(`${what} claims ${n} bytes, ${this.end - this.pos} available`);
    this.pos += n;
    return this.pos - n;
  }

  private string(what: string, recent: RecentStrings): string {
    const length = this.varint(what);
    const start = this.skip(length, what);
    const known = recent.find(this.buf, start, start + length);
    if (known !== undefined) return known;
    const end = start + length;
    let ascii = true;
    for (let i = start; i < end; i++) {
      const byte = this.buf[i];
      if (byte === 0) throw new FieldError(`${what} contains a NUL byte`);
      if (byte > 0x7f) ascii = false;
    }
    if (!ascii && !isUtf8(this.buf.subarray(start, end))) throw new FieldError(`${what} is not UTF-8`);
    // ASCII reads the same as Latin-1, which decodes without validating
    const text = this.buf.toString(ascii ? 'latin1' : 'utf8', start, end);
    recent.remember(text, this.buf, start, end);
    return text;
  }
}

function incomplete(needed: number, available: number, atEof: boolean, length: number | undefined): PacketReadResult {
  if (!atEof) return { kind: 'need', bytes: needed };
  return { kind: 'bad', reason: `truncated packet (${available} of ${needed} bytes present)`, length };
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
