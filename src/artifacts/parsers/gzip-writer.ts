import { constants, crc32, deflateRaw } from 'zlib';
import { promisify } from 'util';

const deflateRawAsync = promisify(deflateRaw) as (buf: Buffer, options: object) => Promise<Buffer>;

/** Uncompressed bytes per block; blocks are compressed in parallel on libuv's thread pool. */
const BLOCK_BYTES = 1024 * 1024;
/** Blocks compressing at once; bounds the memory held for them. */
const MAX_IN_FLIGHT = 8;
// Level 1: on attachment-heavy tempest streams compression dominates; level 6 is ~1.5x slower for ~20% less output.
const LEVEL = 1;

/** 10-byte gzip member header: deflate, no flags, no mtime, unknown OS. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);

/**
 * Streams text (or bytes) into one gzip member, compressing 1 MiB blocks in parallel, as pigz
 * does: each block is a raw deflate stream ended by a sync flush (the last by finish), so their
 * concatenation is one valid deflate stream; the CRC32 and size are computed as data arrives.
 * Awaiting `writeText` also gives the event loop turns while blocks compress.
 */
export class GzipWriter {
  private readonly done: Buffer[] = [];
  private readonly inFlight: Array<Promise<Buffer>> = [];
  private pending: Array<string | Buffer> = [];
  private pendingBytes = 0;
  private crc = 0;
  private size = 0;

  async writeText(text: string): Promise<void> {
    this.pending.push(text);
    // UTF-16 length approximates the UTF-8 size well enough to cut blocks
    this.pendingBytes += text.length;
    if (this.pendingBytes >= BLOCK_BYTES) await this.cutBlock(false);
  }

  async writeBytes(bytes: Buffer): Promise<void> {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= BLOCK_BYTES) await this.cutBlock(false);
  }

  async finish(): Promise<Buffer> {
    await this.cutBlock(true);
    while (this.inFlight.length > 0) this.done.push(await this.inFlight.shift()!);
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(this.crc >>> 0, 0);
    trailer.writeUInt32LE(this.size % 2 ** 32, 4);
    return Buffer.concat([GZIP_HEADER, ...this.done, trailer]);
  }

  private async cutBlock(final: boolean): Promise<void> {
    const block = Buffer.concat(this.pending.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part)));
    this.pending = [];
    this.pendingBytes = 0;
    this.crc = crc32(block, this.crc);
    this.size += block.length;
    this.inFlight.push(
      deflateRawAsync(block, { level: LEVEL, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }),
    );
    while (this.inFlight.length > MAX_IN_FLIGHT) this.done.push(await this.inFlight.shift()!);
  }
}
