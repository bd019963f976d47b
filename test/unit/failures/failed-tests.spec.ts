import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { gunzippedChunks } from '../../../src/artifacts/gunzipped-chunks';
import type { ArtifactSource } from '../../../src/failures/artifact-source';
import { tracebacksOf } from '../../../src/failures/failed-tests';

/** A `subunit-details` source handing out `parts` one at a time, counting how many were asked for. */
function detailsIn(parts: string[]): ArtifactSource & { read: number } {
  const source = {
    artifactType: 'subunit-details' as const,
    read: 0,
    async *chunks() {
      for (const part of parts) {
        source.read++;
        yield Buffer.from(part);
      }
    },
  };
  return source;
}

describe('tracebacksOf', () => {
  const parts = ['{"a":{"traceback":"A failed"},', '"b":{"reason":"B skipped"},', '"c":{"traceback":"C failed"}}'];

  it('stops reading subunit-details once every test asked about is found', async () => {
    const details = detailsIn(parts);
    expect(await tracebacksOf([details], ['a'])).toEqual(new Map([['a', 'A failed']]));
    expect(details.read).toBe(1);
  });

  it('reads to the end for a test near it, or one not there', async () => {
    const details = detailsIn(parts);
    expect(await tracebacksOf([details], ['c', 'b', 'gone'])).toEqual(
      new Map([
        ['b', 'B skipped'],
        ['c', 'C failed'],
      ]),
    );
    expect(details.read).toBe(3);
  });

  it('still rejects a document cut short when it reads it all', async () => {
    await expect(tracebacksOf([detailsIn(parts.slice(0, 2))], ['gone'])).rejects.toThrow(SyntaxError);
  });
});

describe('gunzippedChunks', () => {
  it('destroys its source when the reader stops early', async () => {
    const gzipped = gzipSync(Buffer.from(Array.from({ length: 100_000 }, (_, i) => `line ${i}\n`).join('')));
    const pieces = Array.from({ length: Math.ceil(gzipped.length / 1024) }, (_, i) => gzipped.subarray(i * 1024, (i + 1) * 1024));
    const source = Readable.from(pieces);
    for await (const chunk of gunzippedChunks(source)) {
      expect(chunk.length).toBeGreaterThan(0);
      break;
    }
    expect(source.destroyed).toBe(true);
  });
});
