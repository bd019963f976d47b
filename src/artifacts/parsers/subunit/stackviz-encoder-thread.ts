import { parentPort } from 'node:worker_threads';
import type { ProducedArtifact } from '../produced-artifact';
import { InProcessEncoder } from './in-process-encoder';
import { TestBatch, unpackTests } from './test-batch';
import { encodeTests } from './tests-encoder';

/** What StackVizEncoder posts to its thread: a stream's tests, then `finish`; the next stream may follow. */
export type ToEncoder = { kind: 'tests'; batch: TestBatch } | { kind: 'finish' };
/** What the thread posts back: a batch was written, or the three artifacts once finished. */
export type FromEncoder = { kind: 'written' } | { kind: 'done'; testCount: number; artifacts: ProducedArtifact[] };

// The thread's entry: an InProcessEncoder per stream, handed the tests it is posted in the order posted.
if (parentPort) {
  const port = parentPort;
  let encoder = new InProcessEncoder();
  let work = Promise.resolve();
  const reply = (message: FromEncoder) => port.postMessage(message);

  const handle = async (message: ToEncoder): Promise<void> => {
    if (message.kind === 'tests') {
      await encodeTests(encoder, unpackTests(message.batch));
      reply({ kind: 'written' });
    } else {
      reply({ kind: 'done', ...(await encoder.finish()) });
      encoder = new InProcessEncoder();
    }
  };
  // An error rejects `work` unhandled, which ends the thread with it: the encoder's error event.
  port.on('message', (message: ToEncoder) => {
    work = work.then(() => handle(message));
  });
}
