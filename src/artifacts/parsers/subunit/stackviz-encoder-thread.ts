import { parentPort } from 'node:worker_threads';
import type { StackVizFailure } from '../../../api-shapes';
import type { ProducedArtifact } from '../produced-artifact';
import { InProcessEncoder } from './in-process-encoder';
import { TestBatch, unpackTests } from './test-batch';
import { encodeTests } from './tests-encoder';

/** What StackVizEncoder posts to its thread: a stream's tests, then `finish`; the next stream may follow. */
export type ToEncoder = { kind: 'tests'; batch: TestBatch } | { kind: 'finish' };
/**
 * What the thread posts back: a batch was written, with the failures it added (left out when none),
 * or the three artifacts once finished. Those come without `failures`: the `written` replies carried them all.
 */
export type FromEncoder =
  { kind: 'written'; failures?: StackVizFailure[] } | { kind: 'done'; testCount: number; artifacts: Omit<ProducedArtifact, 'failures'>[] };

// The thread's entry: an InProcessEncoder per stream, handed the tests it is posted in the order posted.
if (parentPort) {
  const port = parentPort;
  let encoder = new InProcessEncoder();
  let work = Promise.resolve();
  const reply = (message: FromEncoder) => port.postMessage(message);

  const handle = async (message: ToEncoder): Promise<void> => {
    if (message.kind === 'tests') {
      await encodeTests(encoder, unpackTests(message.batch));
      const failures = encoder.newFailures();
      reply(failures.length > 0 ? { kind: 'written', failures } : { kind: 'written' });
    } else {
      const { testCount, artifacts } = await encoder.finish();
      reply({ kind: 'done', testCount, artifacts: artifacts.map(({ failures: _written, ...artifact }) => artifact) });
      encoder = new InProcessEncoder();
    }
  };
  // An error rejects `work` unhandled, which ends the thread with it: the encoder's error event.
  port.on('message', (message: ToEncoder) => {
    work = work.then(() => handle(message));
  });
}
