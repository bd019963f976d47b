import type { Worker } from 'node:worker_threads';
import type { StackVizFailure } from '../../../api-shapes';
import type { ProducedArtifact } from '../produced-artifact';
import { EncoderThreads, pooledEncoderThreads } from './encoder-threads';
import type { FromEncoder, ToEncoder } from './stackviz-encoder-thread';
import { TestRecord } from './stream-to-tests';
import { TestBatchBuilder } from './test-batch';
import type { FailuresListener, TestsEncoder } from './tests-encoder';

/** A batch goes to the thread once it holds this many tests or attachment bytes. */
const BATCH_TESTS = 1000;
const BATCH_BYTES = 1024 * 1024;
/** Batches posted and not yet written; bounds what the decoder can run ahead by when the thread falls behind. */
const MAX_BATCHES_IN_FLIGHT = 4;

/**
 * Writes one stream's finished tests into StackViz's three artifacts (StackVizOutput) on another
 * thread, so that decoding the stream and building its JSON run at once. Tests are posted in
 * batches; `drain` waits while the thread is MAX_BATCHES_IN_FLIGHT behind. If the thread stops,
 * every wait rejects with why. `onFailures` hears the failures the thread's replies brought when
 * this thread is about to wait for it (and all of them before `finish` resolves), so what it does
 * with them takes no time from decoding.
 * `close` (after `finish`, or on an error) gives the thread back to `threads`, reusable when it
 * finished cleanly (the pool keeps it for the next stream).
 */
export class StackVizEncoder implements TestsEncoder {
  /** Taken at the first test (or `finish`): a stream that is not subunit needs none. */
  private thread: Worker | null = null;
  private readonly batch = new TestBatchBuilder();
  private inFlight = 0;
  /** Every failure the thread has reported: `subunit-stats`' own, which its `done` leaves out. */
  private readonly failures: StackVizFailure[] = [];
  /** How many of them onFailures has heard. */
  private reported = 0;
  private done: Extract<FromEncoder, { kind: 'done' }> | null = null;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly threads: EncoderThreads = pooledEncoderThreads,
    private readonly onFailures?: FailuresListener,
  ) {}

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
    this.report();
    if (this.failure) throw this.failure;
    const { artifacts, testCount } = this.done!;
    return {
      testCount,
      artifacts: artifacts.map((a) => ({
        ...a,
        // posted as Uint8Arrays
        gzipped: Buffer.from(a.gzipped.buffer, a.gzipped.byteOffset, a.gzipped.length),
        ...(a.artifactType === 'subunit-stats' && { failures: this.failures }),
      })),
    };
  }

  async close(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    this.thread = null;
    // only these: the thread's own listeners keep its port referenced while 'message' has any
    thread.off('message', this.onMessage).off('error', this.onError).off('exit', this.onExit);
    await this.threads.giveBack(thread, this.done !== null && !this.failure);
  }

  private readonly onMessage = (message: FromEncoder): void => {
    if (message.kind === 'written') {
      this.inFlight--;
      if (message.failures) this.failures.push(...message.failures);
    } else {
      this.done = message;
    }
    this.signal();
  };
  private readonly onError = (err: Error): void => this.stopped(err.message);
  private readonly onExit = (code: number): void => this.stopped(`it exited with code ${code}`);

  /** Hands onFailures the failures it has not heard yet. */
  private report(): void {
    if (!this.onFailures || this.reported === this.failures.length) return;
    const fresh = this.failures.slice(this.reported);
    this.reported = this.failures.length;
    try {
      this.onFailures(fresh);
    } catch (err) {
      this.failure ??= err as Error;
    }
  }

  private post(): void {
    const batch = this.batch.take();
    this.inFlight++;
    this.send({ kind: 'tests', batch }, [batch.bytes]);
  }

  private send(message: ToEncoder, transfer: ArrayBuffer[] = []): void {
    if (this.failure) throw this.failure;
    this.thread ??= this.threads.take().on('message', this.onMessage).on('error', this.onError).on('exit', this.onExit);
    this.thread.postMessage(message, transfer);
  }

  private async until(ready: () => boolean): Promise<void> {
    for (;;) {
      // failure first: a listener's error may come with the reply that makes the wait ready
      if (this.failure) throw this.failure;
      if (ready()) return;
      this.report();
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
