import type { StackVizFailure } from '../../../api-shapes';
import type { ProducedArtifact } from '../produced-artifact';
import type { TestRecord } from './stream-to-tests';

/**
 * Hears, in order, the failed tests an encoder has written since it last called it: each failure of
 * `subunit-stats` exactly once, the same objects, before `finish` resolves. Called on the main thread;
 * it must not throw (its errors are its own to handle): a throw fails the conversion with its error.
 */
export type FailuresListener = (failures: readonly StackVizFailure[]) => void;

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
