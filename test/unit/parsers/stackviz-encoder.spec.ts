import { gunzipSync } from 'zlib';
import { subunitArtifacts } from '../../../src/artifacts/parsers';
import { EncoderThreads, startEncoderThread } from '../../../src/artifacts/parsers/subunit/encoder-threads';
import type { TestRecord } from '../../../src/artifacts/parsers/subunit/stream-to-tests';
import { TestBatchBuilder, unpackTests } from '../../../src/artifacts/parsers/subunit/test-batch';
import { generatedStream, GeneratedTest } from '../../fake-upstream/generated-stream';
import { chunked } from './parser-test-helpers';

const record = (id: string, over: Partial<TestRecord> = {}): TestRecord => ({
  id,
  routeCode: undefined,
  status: 'success',
  tags: [],
  startMicros: 1_700_000_000_000_000,
  endMicros: 1_700_000_001_500_000,
  attachments: [],
  ...over,
});

describe('TestBatchBuilder / unpackTests', () => {
  it('carries finished tests to the thread as they were, attachments joined per file', () => {
    const tests = [
      record('a.b.test_one', {
        status: 'fail',
        tags: ['worker-0', 'smoke'],
        attachments: [
          { fileName: 'traceback', mimeType: 'text/x-traceback; charset="utf8"', chunks: [Buffer.from('Trace'), Buffer.from('back: é')] },
          { fileName: "pythonlogging:''", mimeType: undefined, chunks: [Buffer.from('log\n')] },
        ],
      }),
      record('a.b.test_two', { status: 'inprogress', startMicros: undefined, endMicros: undefined }),
      record('ü.test_three', {
        status: 'skip',
        tags: ['worker-1'],
        attachments: [{ fileName: 'reason', mimeType: 'text/plain', chunks: [Buffer.from('why')] }],
      }),
    ];
    const builder = new TestBatchBuilder();
    for (const test of tests) builder.add(test);
    expect(builder.tests).toBe(3);
    expect(builder.bytes).toBe(Buffer.byteLength('Traceback: é') + 4 + 3);

    const unpacked = unpackTests(builder.take());
    expect(unpacked).toEqual(
      tests.map((t) => ({ ...t, attachments: t.attachments.map((a) => ({ ...a, chunks: [Buffer.concat(a.chunks)] })) })),
    );
    expect(builder.tests).toBe(0);
    expect(unpackTests(builder.take())).toEqual([]);
  });
});

describe('subunitArtifacts on the encoder thread', () => {
  const tests = (n: number): GeneratedTest[] =>
    Array.from({ length: n }, (_, i) => ({ id: `pkg.T.test_${i}`, status: i % 5 === 0 ? 'fail' : 'success', seconds: 0.5 }));

  it('writes the same bytes as on the calling thread, over many batches', async () => {
    const stream = generatedStream(tests(2500), { logBytes: 600 });
    const onThread = await subunitArtifacts(chunked(stream, 64 * 1024));
    const here = await subunitArtifacts(chunked(stream, 64 * 1024), undefined, { onThread: false });
    expect(onThread.testCount).toBe(2500);
    expect(onThread.artifacts.map((a) => gunzipSync(a.gzipped).toString())).toEqual(
      here.artifacts.map((a) => gunzipSync(a.gzipped).toString()),
    );
  });

  it('fails with what happened when the thread dies mid-stream, and the next stream converts', async () => {
    // 40 MB of traceback cannot be decoded into a 16 MB heap: the thread runs out of memory after many batches
    const huge: GeneratedTest = { id: 'pkg.T.test_huge', status: 'fail', seconds: 1, traceback: 'x'.repeat(40 * 1024 * 1024) };
    const stream = generatedStream([...tests(3000), huge, ...tests(10)]);
    const smallHeap: EncoderThreads = {
      take: () => startEncoderThread({ maxOldGenerationSizeMb: 16 }),
      giveBack: async (thread) => void (await thread.terminate()),
    };
    const attempt = subunitArtifacts(chunked(stream, 64 * 1024), undefined, { threads: smallHeap });
    await expect(attempt).rejects.toThrow(
      /^the test results could not be written: the thread building their JSON stopped \(.*memory.*\); scrape the build again/,
    );

    const next = await subunitArtifacts(chunked(generatedStream(tests(3000)), 64 * 1024));
    expect(next.testCount).toBe(3000);
    expect(JSON.parse(gunzipSync(next.artifacts[0].gzipped).toString())).toHaveLength(3000);
  });
});
