import { TestRecord } from './stream-to-tests';

/**
 * Finished tests packed for another thread: flat arrays of strings and numbers and one buffer of
 * all their attachments' bytes, which posting copies or moves at a fraction of the cost of a
 * clone of the records themselves.
 */
export interface TestBatch {
  /** Per test: id, status, its tags, then each attachment's file name and MIME type ('' for none). */
  strings: string[];
  /** Per test: start and end (microseconds, NaN for none), tag count, attachment count, each attachment's byte count. */
  numbers: Float64Array;
  bytes: ArrayBuffer;
}

/** Collects finished tests into a TestBatch. */
export class TestBatchBuilder {
  tests = 0;
  bytes = 0;
  private strings: string[] = [];
  private numbers: number[] = [];
  private chunks: Buffer[] = [];

  add(record: TestRecord): void {
    this.tests++;
    this.strings.push(record.id, record.status, ...record.tags);
    this.numbers.push(record.startMicros ?? NaN, record.endMicros ?? NaN, record.tags.length, record.attachments.length);
    for (const attachment of record.attachments) {
      this.strings.push(attachment.fileName, attachment.mimeType ?? '');
      let length = 0;
      for (const chunk of attachment.chunks) {
        this.chunks.push(chunk);
        length += chunk.length;
      }
      this.numbers.push(length);
      this.bytes += length;
    }
  }

  /** The batch so far; the builder starts a new one. `bytes` is a buffer of its own, free to transfer. */
  take(): TestBatch {
    const bytes = new ArrayBuffer(this.bytes);
    const view = new Uint8Array(bytes);
    let at = 0;
    for (const chunk of this.chunks) {
      view.set(chunk, at);
      at += chunk.length;
    }
    const batch = { strings: this.strings, numbers: Float64Array.from(this.numbers), bytes };
    this.strings = [];
    this.numbers = [];
    this.chunks = [];
    this.tests = 0;
    this.bytes = 0;
    return batch;
  }
}

/** The tests of a batch, in order; their attachments are views of `batch.bytes` (route codes are not carried). */
export function unpackTests(batch: TestBatch): TestRecord[] {
  const { strings, numbers } = batch;
  const bytes = Buffer.from(batch.bytes);
  const tests: TestRecord[] = [];
  let s = 0;
  let n = 0;
  let at = 0;
  while (n < numbers.length) {
    const id = strings[s++];
    const status = strings[s++] as TestRecord['status'];
    const startMicros = numbers[n++];
    const endMicros = numbers[n++];
    const tagCount = numbers[n++];
    const attachmentCount = numbers[n++];
    const tags = strings.slice(s, s + tagCount);
    s += tagCount;
    const attachments: TestRecord['attachments'] = [];
    for (let i = 0; i < attachmentCount; i++) {
      const fileName = strings[s++];
      const mimeType = strings[s++] || undefined;
      const length = numbers[n++];
      attachments.push({ fileName, mimeType, chunks: [bytes.subarray(at, at + length)] });
      at += length;
    }
    tests.push({
      id,
      routeCode: undefined,
      status,
      tags,
      startMicros: Number.isNaN(startMicros) ? undefined : startMicros,
      endMicros: Number.isNaN(endMicros) ? undefined : endMicros,
      attachments,
    });
  }
  return tests;
}
