import type { ProducedArtifact } from '../produced-artifact';
import type { TestsEncoder } from './tests-encoder';
import { stackVizDetails } from './stackviz-json';
import { StackVizOutput } from './stackviz-output';
import { TestRecord } from './stream-to-tests';

/** Builds the three artifacts on the calling thread, between the decoder's steps. */
export class InProcessEncoder implements TestsEncoder {
  private readonly output = new StackVizOutput();

  add(record: TestRecord): void {
    this.output.add(record, stackVizDetails(record));
  }

  get backlogged(): boolean {
    return this.output.backlogged;
  }

  async drain(): Promise<void> {
    await this.output.drain();
  }

  async finish(): Promise<{ artifacts: ProducedArtifact[]; testCount: number }> {
    const artifacts = await this.output.finish();
    return { artifacts, testCount: this.output.testCount };
  }

  async close(): Promise<void> {}
}
