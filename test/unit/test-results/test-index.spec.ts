import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { subunitArtifacts } from '../../../src/artifacts/parsers';
import { JsonArrayElements, JsonObjectMembers } from '../../../src/test-results/json-stream-items';
import { readSubunitArtifact, TestIndex } from '../../../src/test-results/test-index';
import { chunked, fixture } from '../parsers/parser-test-helpers';

/** Feeds `text` to a reader in `size`-byte chunks, then ends it. */
function feed(reader: { push(chunk: Buffer): void; end(): void }, text: string, size: number): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) reader.push(bytes.subarray(i, i + size));
  reader.end();
}

/** Every element JsonArrayElements hands out for `text` cut into `size`-byte chunks. */
function elementsOf(text: string, size: number): unknown[] {
  const out: unknown[] = [];
  feed(new JsonArrayElements<unknown>((els) => out.push(...els)), text, size);
  return out;
}

describe('JsonArrayElements', () => {
  const tricky = [
    { name: 'a "quoted" ] name', details: {} },
    { name: 'brackets {[}] and \\ backslash\\', tags: ['worker-0', ']'] },
    { name: 'caf\u00e9 \u2603 \ud83d\ude00', nested: { deep: [[{}], []] } },
    [1, 2, { x: '}' }],
    { name: 'quotes after backslashes: \\" \\\\" \\\\\\"', id: '\\' },
  ];

  it.each([1, 2, 3, 7, 64, 4096])('reads every element whatever the chunk size (%d bytes), multi-byte characters included', (size) => {
    expect(elementsOf(JSON.stringify(tricky, null, size % 2 ? 0 : 2), size)).toEqual(tricky);
  });

  it('skips a top-level string that a chunk cuts, escapes and all', () => {
    expect(elementsOf('["a \\" ] {", {"b": 1}, "\\\\", [2]]', 3)).toEqual([{ b: 1 }, [2]]);
  });

  it('reads an empty array', () => {
    expect(elementsOf(' [ ] ', 1)).toEqual([]);
  });

  it.each([
    ['not an array', '{"name": "x"}'],
    ['cut short', '[{"name": "x"}, {"na'],
    ['unbalanced', '[{"name": "x"}]]'],
    ['an element that is not JSON', '[{"name": x}]'],
  ])('refuses %s', (_what, text) => {
    expect(() => elementsOf(text, 5)).toThrow(SyntaxError);
  });
});

/** Every member JsonObjectMembers hands out for `text` cut into `size`-byte chunks. */
function membersOf(text: string, size: number): [string, unknown][] {
  const out: [string, unknown][] = [];
  feed(new JsonObjectMembers<unknown>((members) => out.push(...members)), text, size);
  return out;
}

describe('JsonObjectMembers', () => {
  const tricky = {
    'a "quoted" } name': { traceback: 'x' },
    'brackets {[}] and \\ backslash\\': { reason: ']', nested: { deep: [[{}], []] } },
    'caf\u00e9 \u2603 \ud83d\ude00': {},
    '': [1, 2, { x: '}' }],
  };

  it.each([1, 2, 3, 7, 64, 4096])('reads every member whatever the chunk size (%d bytes), in order', (size) => {
    expect(membersOf(JSON.stringify(tricky, null, size % 2 ? 0 : 2), size)).toEqual(Object.entries(tricky));
  });

  it('reads an empty object, and refuses an array or a cut object', () => {
    expect(membersOf(' { } ', 1)).toEqual([]);
    expect(() => membersOf('[{"a": {}}]', 3)).toThrow(SyntaxError);
    expect(() => membersOf('{"a": {}, "b": {"c', 3)).toThrow(SyntaxError);
  });
});

describe('the test index of a stored subunit artifact', () => {
  async function indexOf(
    stream: Buffer,
  ): Promise<{ index: TestIndex; tests: { name: string; status: string; duration: number | null }[] }> {
    const { artifacts } = await subunitArtifacts(chunked(stream, 4096));
    const gzipped = artifacts.find((a) => a.artifactType === 'subunit')!.gzipped;
    const index = new TestIndex();
    await readSubunitArtifact(Readable.from(chunked(gzipped, 1000)), index);
    return { index, tests: JSON.parse(gunzipSync(gzipped).toString('utf8')) };
  }

  it('holds the name, status and duration of every test the artifact lists, in its order', async () => {
    const { index, tests } = await indexOf(fixture('subunit', 'stestr-4workers.subunit'));
    expect(index.size).toBe(tests.length);
    expect([...index.entries()]).toEqual(tests.map((t) => ({ name: t.name, status: t.status, duration: t.duration })));
    expect(index.namesWithStatus('fail')).toEqual(tests.filter((t) => t.status === 'fail').map((t) => t.name));
    expect(index.get(tests[3].name)).toEqual({ status: tests[3].status, duration: tests[3].duration });
    expect(index.get('no.such.test')).toBeUndefined();
  });

  it('keeps the last result of a test listed twice, and reads a null duration', async () => {
    const index = new TestIndex();
    const artifact = gzipSync(
      JSON.stringify([
        { name: 'a', status: 'fail', duration: 1.5 },
        { name: 'b', status: 'skip', duration: null },
        { name: 'a', status: 'success', duration: 2 },
      ]),
    );
    await readSubunitArtifact(Readable.from([artifact]), index);
    expect([...index.entries()]).toEqual([
      { name: 'a', status: 'success', duration: 2 },
      { name: 'b', status: 'skip', duration: null },
    ]);
  });

  it('fails on an artifact that is not gzip JSON', async () => {
    await expect(readSubunitArtifact(Readable.from([Buffer.from('not gzip')]), new TestIndex())).rejects.toThrow();
    await expect(readSubunitArtifact(Readable.from([gzipSync('{"a": 1}')]), new TestIndex())).rejects.toThrow(SyntaxError);
  });
});
