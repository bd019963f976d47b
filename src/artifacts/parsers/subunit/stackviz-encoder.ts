import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProducedArtifact } from '../produced-artifact';
import type { FromEncoder, ToEncoder } from './stackviz-encoder-thread';
import { TestRecord } from './stream-to-tests';
import { TestBatchBuilder } from './test-batch';

/** A batch goes to the thread once it holds this many tests or attachment bytes. */
const BATCH_TESTS = 1000;
const BATCH_BYTES = 1024 * 1024;
/** Batches posted and not yet written; bounds what the decoder can run ahead by when the thread falls behind. */
const MAX_BATCHES_IN_FLIGHT = 4;
/** Threads kept between streams: a new thread's code runs cold (unoptimised) through a whole stream. */
const MAX_IDLE_THREADS = 2;

const THREAD_ENTRY = join(__dirname, `stackviz-encoder-thread${extname(__filename)}`);
/** From source (the unit tests), the thread compiles its TypeScript as it loads it, as the scripts do. */
const THREAD_EXEC_ARGV = extname(__filename) === '.ts' ? ['-r', join(__dirname, '../../../../scripts/register-ts.js')] : [];

const idleThreads: Worker[] = [];

/** An idle thread that ends leaves the pool, rather than be handed the next stream's tests. */
function leavePool(this: Worker): void {
  const at = idleThreads.indexOf(this);
  if (at >= 0) idleThreads.splice(at, 1);
}

/** What builds a stream's three artifacts from its finished tests, on this thread or another. */
export interface TestsEncoder {
  add(record: TestRecord): void;
  /** True when the encoder has enough to do: time to `drain`. */
  readonly backlogged: boolean;
  drain(): Promise<void>;
  finish(): Promise<{ artifacts: ProducedArtifact[]; testCount: number }>;
  /** Called once done with it, after `finish` or on an error. */
  close(): Promise<void>;
}

export interface EncoderOptions {
  /** Heap limits (node:worker_threads) for a thread of the encoder's own, not kept for the next stream. */
  resourceLimits?: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number };
}

/**
 * Writes one stream's finished tests into StackViz's three artifacts (StackVizOutput) on another
 * thread, so that decoding the stream and building its JSON run at once. Tests are posted in
 * batches; `drain` waits while the thread is MAX_BATCHES_IN_FLIGHT behind. If the thread stops,
 * every wait rejects with why. `close` (after `finish`, or on an error) keeps the thread for the
 * next stream when it finished cleanly, and ends it otherwise.
 */
export class StackVizEncoder implements TestsEncoder {
  /** Taken at the first test (or `finish`): a stream that is not subunit needs none. */
  private thread: Worker | null = null;
  private readonly batch = new TestBatchBuilder();
  private inFlight = 0;
  private done: Extract<FromEncoder, { kind: 'done' }> | null = null;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly options: EncoderOptions = {}) {}

  add(record: TestRecord): void {
    this.batch.add(record);
    if (this.batch.tests >= BATCH_TESTS || this.batch.bytes >= BATCH_BYTES) this.post();
  }

  get backlogged(): boolean {
    return this.inFlight >= MAX_BATCHES_IN_FLIGHT;
  }

  async drain(): Promise<void> {
    await this.until(() => !this.backlogged);
  }

  async finish(): Promise<{ artifacts: ProducedArtifact[]; testCount: number }> {
    if (this.batch.tests > 0) this.post();
    this.send({ kind: 'finish' });
    await this.until(() => this.done !== null);
    const { artifacts, testCount } = this.done!;
    // posted as Uint8Arrays
    return {
      testCount,
      artifacts: artifacts.map((a) => ({ ...a, gzipped: Buffer.from(a.gzipped.buffer, a.gzipped.byteOffset, a.gzipped.length) })),
    };
  }

  async close(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    this.thread = null;
    // only these: the thread's own listeners keep its port referenced while 'message' has any
    thread.off('message', this.onMessage).off('error', this.onError).off('exit', this.onExit);
    if (this.options.resourceLimits === undefined && this.done && !this.failure && idleThreads.length < MAX_IDLE_THREADS) {
      thread.unref();
      idleThreads.push(thread.once('exit', leavePool));
      return;
    }
    await thread.terminate();
  }

  private readonly onMessage = (message: FromEncoder): void => {
    if (message.kind === 'written') this.inFlight--;
    else this.done = message;
    this.signal();
  };
  private readonly onError = (err: Error): void => this.stopped(err.message);
  private readonly onExit = (code: number): void => this.stopped(`it exited with code ${code}`);

  private post(): void {
    const batch = this.batch.take();
    this.inFlight++;
    this.send({ kind: 'tests', batch }, [batch.bytes]);
  }

  private send(message: ToEncoder, transfer: ArrayBuffer[] = []): void {
    if (this.failure) throw this.failure;
    this.thread ??= this.takeThread();
    this.thread.postMessage(message, transfer);
  }

  private takeThread(): Worker {
    const { resourceLimits } = this.options;
    const thread =
      (resourceLimits === undefined ? idleThreads.pop()?.off('exit', leavePool) : undefined) ??
      new Worker(THREAD_ENTRY, { execArgv: THREAD_EXEC_ARGV, resourceLimits });
    thread.ref();
    return thread.on('message', this.onMessage).on('error', this.onError).on('exit', this.onExit);
  }

  private async until(ready: () => boolean): Promise<void> {
    for (;;) {
      if (ready()) return;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private stopped(reason: string): void {
    this.failure ??= new Error(
      `the test results could not be written: the thread building their JSON stopped (${reason}); scrape the build again, and report it if it happens again`,
    );
    this.signal();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
