import { fullCollection } from '../../common/full-collection';

/** Input read between two full collections while a body is converted. */
const COLLECT_EVERY_BYTES = 32 * 1024 * 1024;

/**
 * Yields `source`'s chunks, asking for a full collection each time COLLECT_EVERY_BYTES more have
 * passed: the inflated chunks a conversion has finished with are freed as it goes, not tens of MB
 * at a time. A body under 32 MiB is never paused for one.
 */
export async function* collectWhileReading(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let sinceCollection = 0;
  for await (const chunk of source) {
    sinceCollection += chunk.length;
    if (sinceCollection >= COLLECT_EVERY_BYTES) {
      sinceCollection = 0;
      fullCollection();
    }
    yield chunk;
  }
}
