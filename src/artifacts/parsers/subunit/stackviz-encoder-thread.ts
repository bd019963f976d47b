import { parentPort } from 'node:worker_threads';
import type { ProducedArtifact } from '../produced-artifact';
import { stackVizDetails } from './stackviz-json';
import { StackVizOutput } from './stackviz-output';
import { TestBatch, unpackTests } from './test-batch';

/** What StackVizEncoder posts to its thread: a stream's tests, then `finish`; the next stream may follow. */
export type ToEncoder = { kind: 'tests'; batch: TestBatch } | { kind: 'finish' };
/** What the thread posts back: a batch was written, or the three artifacts once finished. */
export type FromEncoder = { kind: 'written' } | { kind: 'done'; testCount: number; artifacts: ProducedArtifact[] };

// The thread's entry: writes the tests it is posted into the three artifacts, in the order posted.
if (parentPort) {
  const port = parentPort;
  let output = new StackVizOutput();
  let work = Promise.resolve();
  const reply = (message: FromEncoder) => port.postMessage(message);

  const handle = async (message: ToEncoder): Promise<void> => {
    if (message.kind === 'tests') {
      for (const record of unpackTests(message.batch)) {
        output.add(record, stackVizDetails(record));
        if (output.backlogged) await output.drain();
      }
      reply({ kind: 'written' });
    } else {
      const artifacts = await output.finish();
      reply({ kind: 'done', testCount: output.testCount, artifacts });
      output = new StackVizOutput();
    }
  };
  // An error rejects `work` unhandled, which ends the thread with it: the encoder's error event.
  port.on('message', (message: ToEncoder) => {
    work = work.then(() => handle(message));
  });
}
