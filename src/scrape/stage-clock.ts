/**
 * Where a scrape's time went, stage by stage: logged as `stages` (milliseconds) on the job's finish
 * line, so production shows it as well as the benchmark. Stages that overlap in time (fetching runs
 * on while the previous chunk is decoded) are each counted for the time spent waiting on them.
 */
export class StageClock {
  private readonly ms = new Map<string, number>();
  private readonly startedAt: number;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.startedAt = now();
  }

  add(stage: string, ms: number): void {
    this.ms.set(stage, (this.ms.get(stage) ?? 0) + ms);
  }

  /** Counts under `stage` the time `work` takes that no finer stage (timed inside it) accounts for. */
  async time<T>(stage: string, work: () => Promise<T>): Promise<T> {
    const started = this.now();
    const countedBefore = this.counted();
    try {
      return await work();
    } finally {
      this.add(stage, this.now() - started - (this.counted() - countedBefore));
    }
  }

  private counted(): number {
    let sum = 0;
    for (const ms of this.ms.values()) sum += ms;
    return sum;
  }

  /** Yields `source`'s chunks, counting the time spent waiting for each under `stage`. */
  async *timed(source: AsyncIterable<Buffer>, stage: string): AsyncGenerator<Buffer> {
    const iterator = source[Symbol.asyncIterator]();
    try {
      for (;;) {
        const started = this.now();
        const next = await iterator.next();
        this.add(stage, this.now() - started);
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  }

  /** Every stage, then `other` (the time no stage accounts for) and `total`, rounded to the millisecond. */
  summary(extra: Record<string, number> = {}): Record<string, number> {
    const stages = { ...extra, ...Object.fromEntries(this.ms) };
    const total = this.now() - this.startedAt + (extra.queue ?? 0);
    const counted = Object.values(stages).reduce((a, b) => a + b, 0);
    return Object.fromEntries(
      Object.entries({ ...stages, other: Math.max(0, total - counted), total }).map(([k, v]) => [k, Math.round(v)]),
    );
  }
}
