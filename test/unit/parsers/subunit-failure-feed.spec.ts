import type { StackVizFailure, StackVizStats } from '../../../src/api-shapes';
import { subunitArtifacts } from '../../../src/artifacts/parsers';
import { EncoderThreads, startEncoderThread } from '../../../src/artifacts/parsers/subunit/encoder-threads';
import type { FromEncoder } from '../../../src/artifacts/parsers/subunit/stackviz-encoder-thread';
import type { SubunitEncoding } from '../../../src/artifacts/parsers/subunit/subunit-artifacts';
import { generatedStream, GeneratedTest } from '../../fake-upstream/generated-stream';
import { artifactJson, chunked } from './parser-test-helpers';

/** `n` tests, those whose index `fails` names failing, each with its own traceback (so its own cause). */
const tests = (n: number, fails: (i: number) => boolean): GeneratedTest[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `pkg.T${i % 7}.test_${i}`,
    status: fails(i) ? 'fail' : 'success',
    seconds: 0.25,
    traceback: `Traceback (most recent call last):\nValueError: case ${i % 3} broke`,
  }));

const modes: [string, SubunitEncoding][] = [
  ['on the encoder thread', {}],
  ['on the calling thread', { onThread: false }],
];

describe('subunitArtifacts: onFailures', () => {
  it.each(modes)(
    '%s, hears each failure of subunit-stats once, in order, the same objects, a batch at a time, before it resolves',
    async (_mode, encoding) => {
      const heard: (readonly StackVizFailure[])[] = [];
      let resolved = false;
      let heardAfterResolving = 0;
      const onFailures = (failures: readonly StackVizFailure[]) => {
        heard.push(failures);
        if (resolved) heardAfterResolving++;
      };
      const stream = generatedStream(
        tests(3500, (i) => i % 5 === 0),
        { logBytes: 300 },
      );
      const result = await subunitArtifacts(chunked(stream, 64 * 1024), undefined, { ...encoding, onFailures }).then((r) => {
        resolved = true;
        return r;
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(heardAfterResolving).toBe(0);

      const stats = result.artifacts.find((a) => a.artifactType === 'subunit-stats')!;
      const fed = heard.flat();
      expect(fed).toHaveLength(700);
      expect(stats.failures).toHaveLength(700);
      fed.forEach((failure, i) => expect(failure).toBe(stats.failures![i]));
      expect(artifactJson<StackVizStats>(result.artifacts, 'subunit-stats').failures).toEqual(fed);
      expect(fed[1]).toMatchObject({
        name: 'pkg.T5.test_5',
        cause: expect.stringContaining('ValueError'),
        signature_id: expect.any(String),
      });
      // a thousand tests at most each time: at least four reports, none of them empty
      expect(heard.length).toBeGreaterThanOrEqual(4);
      for (const failures of heard) expect(failures.length).toBeGreaterThan(0);
    },
  );

  it.each(modes)("%s, fails the conversion with a listener's error", async (_mode, encoding) => {
    const stream = generatedStream(tests(1500, (i) => i === 10));
    const onFailures = () => {
      throw new Error('listener broke');
    };
    await expect(subunitArtifacts(chunked(stream, 64 * 1024), undefined, { ...encoding, onFailures })).rejects.toThrow('listener broke');
  });
});

describe('the encoder thread replies', () => {
  it("carry a batch's failures with its `written`, none for a batch without, and leave them out of `done`", async () => {
    const replies: FromEncoder[] = [];
    const recording: EncoderThreads = {
      take: () => startEncoderThread().on('message', (reply: FromEncoder) => replies.push(reply)),
      giveBack: async (thread) => void (await thread.terminate()),
    };
    // batches of a thousand tests: the first passes, the second has one failure
    const stream = generatedStream(tests(1500, (i) => i === 1200));
    const result = await subunitArtifacts(chunked(stream, 64 * 1024), undefined, { threads: recording });

    expect(replies.map((r) => (r.kind === 'written' ? Object.keys(r) : r.kind))).toEqual([['kind'], ['kind', 'failures'], 'done']);
    const [failure] = artifactJson<StackVizStats>(result.artifacts, 'subunit-stats').failures;
    expect(failure.name).toBe('pkg.T3.test_1200');
    expect(replies[1]).toEqual({ kind: 'written', failures: [failure] });
    const done = replies[2] as Extract<FromEncoder, { kind: 'done' }>;
    for (const artifact of done.artifacts) expect(Object.keys(artifact)).not.toContain('failures');
    expect(result.artifacts.find((a) => a.artifactType === 'subunit-stats')!.failures).toEqual([failure]);
  });
});
