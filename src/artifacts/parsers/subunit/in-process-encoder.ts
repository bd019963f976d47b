import type { StackVizFailure } from '../../../api-shapes';
import type { ProducedArtifact } from '../produced-artifact';
import type { FailuresListener, TestsEncoder } from './tests-encoder';
import { stackVizDetails } from './stackviz-json';
import { StackVizOutput } from './stackviz-output';
import { TestRecord } from './stream-to-tests';

/**
 * Builds the three artifacts on the calling thread, between the decoder's steps. `onFailures` hears
 * the failures found so far whenever the encoder is drained, and the rest as it finishes.
 */
export class InProcessEncoder implements TestsEncoder {
  private readonly output = new StackVizOutput();

  constructor(private readonly onFailures?: FailuresListener) {}

  add(record: TestRecord): void {
    this.output.add(record, stackVizDetails(record));
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
    if (!this.onFailures) return;
    const failures = this.newFailures();
    if (failures.length > 0) this.onFailures(failures);
  }
}
