import type { ProducedArtifact } from '../produced-artifact';
import type { TestRecord } from './stream-to-tests';

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

/** Hands the encoder these tests in order, waiting for it whenever it has enough to do. */
export async function encodeTests(encoder: TestsEncoder, records: Iterable<TestRecord>): Promise<void> {
  for (const record of records) {
    encoder.add(record);
    if (encoder.backlogged) await encoder.drain();
  }
}
