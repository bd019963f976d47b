import { isUtf8 } from 'buffer';
import { crc32 } from 'zlib';
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
import { subunitTimestampMicros } from './timestamps';
import { readVarint, varintSize } from './varint';

/** Smallest packet: signature, flags, a 1-byte length and the CRC. */
const MIN_PACKET_LENGTH = 8;

export type PacketReadResult =
  | { kind: 'ok'; packet: SubunitPacket; length: number }
  /** `bytes` counted from the signature are needed before the packet can be judged. */
  | { kind: 'need'; bytes: number }
  /** `length` is the packet's claimed length when its header could be read. */
  | { kind: 'bad'; reason: string; length: number | undefined };

class FieldError extends Error {}

/**
 * Reads the packet whose signature is at `buf[pos]`. `atEof` says no more bytes will come, so a
 * packet that does not fit is truncated rather than incomplete.
 */
export function readPacket(buf: Buffer, pos: number, offset: number, atEof: boolean): PacketReadResult {
  const available = buf.length - pos;
  if (available < 4) return incomplete(4, available, atEof, undefined);
  const flags = buf.readUInt16BE(pos + 1);
  const lengthSize = varintSize(buf[pos + 3]);
  if (lengthSize === 4) return { kind: 'bad', reason: 'packet length uses a 4-byte varint (at most 3 allowed)', length: undefined };
  if (available < 3 + lengthSize) return incomplete(3 + lengthSize, available, atEof, undefined);
  const length = readVarint(buf, pos + 3, buf.length)!.value;
  if (length < MIN_PACKET_LENGTH + lengthSize - 1 || length > MAX_PACKET_LENGTH) {
    return { kind: 'bad', reason: `impossible packet length ${length}`, length: undefined };
  }
  if (available < length) return incomplete(length, available, atEof, length);

  const crcPos = pos + length - 4;
  const stored = buf.readUInt32BE(crcPos);
  const computed = crc32(buf.subarray(pos, crcPos));
  if (stored !== computed) {
    return { kind: 'bad', reason: `bad CRC32 (stored 0x${hex(stored)}, computed 0x${hex(computed)})`, length };
  }
  if (flags >> 12 !== VERSION_2) return { kind: 'bad', reason: `unsupported version ${flags >> 12}`, length };
  try {
    return { kind: 'ok', packet: readFields(buf, pos + 3 + lengthSize, crcPos, flags, offset), length };
  } catch (err) {
    if (err instanceof FieldError) return { kind: 'bad', reason: err.message, length };
    throw err;
  }
}

function incomplete(needed: number, available: number, atEof: boolean, length: number | undefined): PacketReadResult {
  if (!atEof) return { kind: 'need', bytes: needed };
  return { kind: 'bad', reason: `truncated packet (${available} of ${needed} bytes present)`, length };
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** Fields come in this order, each only when its flag is set. */
function readFields(buf: Buffer, start: number, end: number, flags: number, offset: number): SubunitPacket {
  let pos = start;
  const varint = (what: string): number => {
    const v = readVarint(buf, pos, end);
    if (!v) throw new FieldError(`${what} runs past the end of the packet`);
    pos += v.size;
    return v.value;
  };
  const bytes = (n: number, what: string): Buffer => {
    if (pos + n > end) throw new FieldError(`${what} claims ${n} bytes, ${end - pos} available`);
    const out = buf.subarray(pos, pos + n);
    pos += n;
    return out;
  };
  const string = (what: string): string => {
    const raw = bytes(varint(what), what);
    if (raw.indexOf(0) !== -1) throw new FieldError(`${what} contains a NUL byte`);
    if (!isUtf8(raw)) throw new FieldError(`${what} is not UTF-8`);
    return raw.toString('utf8');
  };

  let timestampMicros: number | undefined;
  if (flags & FLAG_TIMESTAMP) {
    const seconds = bytes(4, 'timestamp').readUInt32BE(0);
    timestampMicros = subunitTimestampMicros(seconds, varint('timestamp'));
  }
  const testId = flags & FLAG_TEST_ID ? string('test id') : undefined;
  let tags: string[] | undefined;
  if (flags & FLAG_TAGS) {
    const count = varint('tag count');
    tags = [];
    for (let i = 0; i < count; i++) tags.push(string('tag'));
  }
  const mimeType = flags & FLAG_MIME_TYPE ? string('MIME type') : undefined;
  let fileName: string | undefined;
  let fileBytes: Buffer | undefined;
  if (flags & FLAG_FILE_CONTENT) {
    fileName = string('file name');
    fileBytes = bytes(varint('file length'), 'file content');
  }
  const routeCode = flags & FLAG_ROUTE_CODE ? string('route code') : undefined;
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
