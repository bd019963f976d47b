import type { StackVizFailure } from '../../../api-shapes';
import type { ProducedArtifact } from '../produced-artifact';
import type { FailuresListener, TestsEncoder } from './tests-encoder';
import { StackVizOutput } from './stackviz-output';
import { TestRecord } from './stream-to-tests';

/** Tests between reports to `onFailures`, as many as the encoder thread's batches hold at most. */
const REPORT_EVERY_TESTS = 1000;

/**
 * Builds the three artifacts on the calling thread, between the decoder's steps. `onFailures` hears
 * the failures found every REPORT_EVERY_TESTS tests, before each wait for the gzip writers, and as it finishes.
 */
export class InProcessEncoder implements TestsEncoder {
  private readonly output = new StackVizOutput();
  private testsSinceReport = 0;

  constructor(private readonly onFailures?: FailuresListener) {}

  add(record: TestRecord): void {
    this.output.addSubunit(record);
    if (++this.testsSinceReport >= REPORT_EVERY_TESTS) this.reportFailures();
  }

  /** The failed tests added since the last call (the encoder thread reports them batch by batch). */
  newFailures(): StackVizFailure[] {
    return this.output.newFailures();
  }

  get backlogged(): boolean {
    return this.output.backlogged;
  }

  async drain(): Promise<void> {
    // before the wait, so the listener's own work runs during it
    this.reportFailures();
    await this.output.drain();
  }

  async finish(): Promise<{ artifacts: ProducedArtifact[]; testCount: number }> {
    this.reportFailures();
    const artifacts = await this.output.finish();
    return { artifacts, testCount: this.output.testCount };
  }

  async close(): Promise<void> {}

  private reportFailures(): void {
    this.testsSinceReport = 0;
    if (!this.onFailures) return;
    const failures = this.newFailures();
    if (failures.length > 0) this.onFailures(failures);
  }
}
