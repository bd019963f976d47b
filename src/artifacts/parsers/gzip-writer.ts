import { constants, crc32, deflateRaw, ZlibOptions } from 'zlib';
import { promisify } from 'util';

const deflateRawAsync = promisify(deflateRaw) as (buf: Buffer, options: ZlibOptions) => Promise<Buffer>;

/** Uncompressed bytes per block; blocks are compressed in parallel on libuv's thread pool. */
const BLOCK_BYTES = 1024 * 1024;
/** Blocks compressing at once; bounds the memory held for them. */
const MAX_IN_FLIGHT = 4;
/**
 * zlib's output buffer: one that holds a whole compressed block makes each block a single job on
 * the thread pool (with the default 16 KiB, every 16 KiB of output is a round trip to the main thread).
 */
const OUTPUT_CHUNK_BYTES = BLOCK_BYTES + 64 * 1024;
// Level 1: on attachment-heavy tempest streams compression dominates; level 6 is ~2.5x slower for ~20% less output.
const LEVEL = 1;
/** Short texts are joined up to this many characters before being encoded: one copy per batch, not per call. */
const TEXT_BATCH_CHARS = 64 * 1024;
/**
 * Longer texts are encoded on their own: joining copies them once more, and one text with a
 * character past U+00FF would make the whole batch a two-byte string, twice the work to join and encode.
 */
const SHORT_TEXT_CHARS = 512;

/** The most `reserve` gives: room in any block (a cut one is fresh). */
export const MAX_RESERVE = 64 * 1024;

/** 10-byte gzip member header: deflate, no flags, no mtime, unknown OS. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);

/**
 * Streams text (or bytes) into one gzip member, compressing 1 MiB blocks in parallel, as pigz
 * does: each block is a raw deflate stream ended by a sync flush (the last by finish), so their
 * concatenation is one valid deflate stream; the CRC32 and size are computed as blocks are cut.
 *
 * `append*` copy into the current block synchronously (short texts after batching); `drain` waits
 * while too many blocks are compressing, which bounds memory and gives the event loop its turns.
 */
export class GzipWriter {
  private readonly done: Buffer[] = [];
  private readonly inFlight: Array<{ input: Buffer; output: Promise<Buffer> }> = [];
  /** Blocks whose compression finished, reused to spare the allocator and the GC. */
  private readonly free: Buffer[] = [];
  private block: Buffer = Buffer.allocUnsafe(BLOCK_BYTES);
  private used = 0;
  /** Short texts waiting to be joined and encoded, and their total length. */
  private readonly pendingTexts: string[] = [];
  private pendingChars = 0;
  private crc = 0;
  private size = 0;

  /** Appends `text` as UTF-8. */
  appendText(text: string): void {
    if (text.length > SHORT_TEXT_CHARS) {
      this.flushText();
      this.copyText(text);
      return;
    }
    this.pendingTexts.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= TEXT_BATCH_CHARS) this.flushText();
  }

  appendBytes(bytes: Buffer): void {
    this.flushText();
    this.copyBytes(bytes);
  }

  /**
   * For a caller that writes bytes itself: the block, with room for `bytes` (at most MAX_RESERVE)
   * from `position`; it writes them there, then calls `advanceTo` with where it stopped. Spares
   * the strings and the calls of appending short pieces one by one (json-bytes.ts).
   */
  reserve(bytes: number): Buffer {
    this.flushText();
    if (BLOCK_BYTES - this.used < bytes) this.cutBlock(false);
    return this.block;
  }

  /** Where in `reserve`'s block the next byte goes. */
  get position(): number {
    return this.used;
  }

  advanceTo(position: number): void {
    this.used = position;
    if (this.used === BLOCK_BYTES) this.cutBlock(false);
  }

  /** True while more than MAX_IN_FLIGHT blocks are compressing: time to `drain`. */
  get backlogged(): boolean {
    return this.inFlight.length > MAX_IN_FLIGHT;
  }

  /** Waits while more than MAX_IN_FLIGHT blocks are compressing. */
  async drain(): Promise<void> {
    while (this.backlogged) await this.settleOldest();
  }

  async writeText(text: string): Promise<void> {
    this.appendText(text);
    await this.drain();
  }

  async writeBytes(bytes: Buffer): Promise<void> {
    this.appendBytes(bytes);
    await this.drain();
  }

  async finish(): Promise<Buffer> {
    this.flushText();
    this.cutBlock(true);
    while (this.inFlight.length > 0) await this.settleOldest();
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(this.crc >>> 0, 0);
    trailer.writeUInt32LE(this.size % 2 ** 32, 4);
    return Buffer.concat([GZIP_HEADER, ...this.done, trailer]);
  }

  private flushText(): void {
    if (this.pendingTexts.length === 0) return;
    const text = this.pendingTexts.join('');
    this.pendingTexts.length = 0;
    this.pendingChars = 0;
    this.copyText(text);
  }

  private copyText(text: string): void {
    // a UTF-16 unit is at most 3 UTF-8 bytes, so short texts are written in place
    const room = BLOCK_BYTES - this.used;
    if (text.length * 3 <= room || (text.length <= room && Buffer.byteLength(text, 'utf8') <= room)) {
      this.used += this.block.write(text, this.used, 'utf8');
      if (this.used === BLOCK_BYTES) this.cutBlock(false);
    } else {
      this.copyBytes(Buffer.from(text, 'utf8'));
    }
  }

  private copyBytes(bytes: Buffer): void {
    let from = 0;
    while (from < bytes.length) {
      const n = bytes.copy(this.block, this.used, from);
      from += n;
      this.used += n;
      if (this.used === BLOCK_BYTES) this.cutBlock(false);
    }
  }

  /** Hands the current block to the thread pool and continues in a free one. */
  private cutBlock(final: boolean): void {
    const block = this.block.subarray(0, this.used);
    this.crc = crc32(block, this.crc);
    this.size += block.length;
    const options = { level: LEVEL, chunkSize: OUTPUT_CHUNK_BYTES, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH };
    this.inFlight.push({ input: this.block, output: deflateRawAsync(block, options) });
    this.block = this.free.pop() ?? Buffer.allocUnsafe(BLOCK_BYTES);
    this.used = 0;
  }

  private async settleOldest(): Promise<void> {
    const { input, output } = this.inFlight.shift()!;
    // copied: the result is a view into zlib's OUTPUT_CHUNK_BYTES buffer
    this.done.push(Buffer.from(await output));
    this.free.push(input);
  }
}
