import { once } from 'events';
import { createGzip, Gzip } from 'zlib';

const BATCH_CHARS = 64 * 1024;

/**
 * Streams text (or raw bytes) into gzip and collects the compressed output.
 * Small writes are batched; compression runs on libuv's thread pool, so awaiting `write`
 * also gives the event loop a turn whenever zlib pushes back.
 */
export class GzipWriter {
  private readonly gzip: Gzip = createGzip({ level: 6 });
  private readonly output: Buffer[] = [];
  private pending: string[] = [];
  private pendingChars = 0;
  private failure: Error | undefined;

  constructor() {
    this.gzip.on('data', (chunk: Buffer) => this.output.push(chunk));
    this.gzip.on('error', (err: Error) => (this.failure = err));
  }

  async writeText(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= BATCH_CHARS) await this.flushPending();
  }

  async writeBytes(bytes: Buffer): Promise<void> {
    await this.flushPending();
    await this.push(bytes);
  }

  async finish(): Promise<Buffer> {
    await this.flushPending();
    const ended = once(this.gzip, 'end');
    this.gzip.end();
    await ended;
    if (this.failure) throw this.failure;
    return Buffer.concat(this.output);
  }

  private async flushPending(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    await this.push(Buffer.from(text, 'utf8'));
  }

  private async push(bytes: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.gzip.write(bytes)) await once(this.gzip, 'drain');
  }
}
