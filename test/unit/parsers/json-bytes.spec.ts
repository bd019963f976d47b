import { gunzipSync } from 'zlib';
import { GzipWriter, MAX_RESERVE } from '../../../src/artifacts/parsers/gzip-writer';
import { appendBytesAsJson, appendJsonString, appendRawJson } from '../../../src/artifacts/parsers/subunit/json-bytes';
import { StackVizOutput } from '../../../src/artifacts/parsers/subunit/stackviz-output';
import { stackVizDetails } from '../../../src/artifacts/parsers/subunit/stackviz-json';
import type { TestRecord } from '../../../src/artifacts/parsers/subunit/stream-to-tests';
import { isoFromMicros } from '../../../src/artifacts/parsers/subunit/timestamps';

/** What `write` put into a GzipWriter, decompressed. */
async function written(write: (out: GzipWriter) => void): Promise<Buffer> {
  const out = new GzipWriter();
  write(out);
  return gunzipSync(await out.finish());
}

const jsonOf = (text: string) => Buffer.from(JSON.stringify(text), 'utf8');

/** Deterministic bytes: every value, then a pseudo-random run of `length`. */
function bytesOf(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(256 + length);
  for (let i = 0; i < 256; i++) bytes[i] = i;
  let x = seed;
  for (let i = 256; i < bytes.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

describe('JSON written as bytes (json-bytes)', () => {
  it("writes Latin-1 bytes as JSON.stringify's UTF-8 of their text, across blocks", async () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from('plain'), bytesOf(1000, 1), bytesOf(3 * 1024 * 1024, 2)]) {
      expect((await written((out) => appendBytesAsJson(out, bytes, false))).equals(jsonOf(bytes.toString('latin1')))).toBe(true);
    }
  });

  it('writes valid UTF-8 bytes as JSON.stringify of their text, characters split across blocks included', async () => {
    const text = `a"b\\c\n\t\u0001\u001f\u007f é ü € 𝄞 \u2028 ${'ünïcödé '.repeat(300_000)}`;
    const bytes = Buffer.from(text, 'utf8');
    expect((await written((out) => appendBytesAsJson(out, bytes, true))).equals(jsonOf(text))).toBe(true);
  });

  it('writes strings as JSON.stringify does: plain, escaped, past ASCII, unpaired surrogates, longer than a reservation', async () => {
    const texts = [
      '',
      'tempest.api.A.test_x',
      'a"b\\c\n\u0000',
      'ü€𝄞',
      'x\ud800y\udc00',
      'é'.repeat(MAX_RESERVE),
      'p'.repeat(MAX_RESERVE * 2),
    ];
    for (const text of texts) expect((await written((out) => appendJsonString(out, text))).equals(jsonOf(text))).toBe(true);
    expect((await written((out) => appendRawJson(out, '["ü",1.5,null]'))).toString('utf8')).toBe('["ü",1.5,null]');
  });

  it('keeps the order of bytes and texts appended in turns', async () => {
    const text = await written((out) => {
      out.appendText('[');
      appendJsonString(out, 'a');
      out.appendText(',');
      appendBytesAsJson(out, Buffer.from('b\n'), false);
      appendRawJson(out, ']');
    });
    expect(text.toString()).toBe('["a","b\\n"]');
  });
});

describe('isoFromMicros', () => {
  it("matches Date's ISO form with the microseconds, from 1900 to 2200", () => {
    let x = 7;
    for (let i = 0; i < 20_000; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      const micros = -2_208_988_800_000_000 + Math.floor((x / 2 ** 32) * 9_467_280_000_000_000) + (i % 1_000_000);
      const second = Math.floor(micros / 1e6);
      const expected = `${new Date(second * 1000).toISOString().slice(0, 20)}${String(micros - second * 1e6).padStart(6, '0')}+00:00`;
      expect(isoFromMicros(micros)).toBe(expected);
    }
  });
});

describe('StackVizOutput.addSubunit', () => {
  const record = (id: string, status: TestRecord['status'], attachments: [string, string | undefined, Buffer[]][]): TestRecord => ({
    id,
    routeCode: undefined,
    status,
    tags: ['worker-0'],
    startMicros: 1_467_121_088_099_819,
    endMicros: 1_467_121_089_000_001,
    attachments: attachments.map(([fileName, mimeType, chunks]) => ({ fileName, mimeType, chunks })),
  });
  const utf8 = 'text/plain;charset=utf8';
  const records: TestRecord[] = [
    record('pkg.T.test_log[id-1,smoke]', 'success', [["pythonlogging:''", utf8, [Buffer.from('line "1"\n\tline\\2 ü\n')]]]),
    record('pkg.T.test_latin1', 'success', [['stdout', undefined, [Buffer.from([0x61, 0xe9, 0x0a, 0x00, 0x7f, 0xff])]]]),
    record('pkg.T.test_chunks', 'success', [['stdout', 'text/plain; charset="UTF-8"', [Buffer.from([0xc3]), Buffer.from([0xbc, 0x21])]]]),
    record('pkg.T.test_bad_utf8', 'success', [['stdout', utf8, [Buffer.from([0x61, 0xff, 0xc3])]]]),
    record('pkg.T.test_ascii', 'success', [['stdout', 'text/plain;charset=ascii', [Buffer.from([0x61, 0xe9])]]]),
    record('pkg.T.test_utf16', 'success', [['stdout', 'text/plain;charset=utf-16le', [Buffer.from('hi', 'utf16le')]]]),
    record('pkg.T.test_same_key', 'success', [
      ["pythonlogging:''", utf8, [Buffer.from('first')]],
      ['pythonlogging', utf8, [Buffer.from('second')]],
    ]),
    record('pkg.T.test_index_key', 'success', [
      ['stdout', utf8, [Buffer.from('out')]],
      ['2', utf8, [Buffer.from('two')]],
    ]),
    record('pkg.T.test_proto', 'success', [['__proto__', utf8, [Buffer.from('p')]]]),
    record('pkg.T.test_empty', 'success', [
      ['stdout', utf8, [Buffer.alloc(0)]],
      ['stderr', utf8, [Buffer.from('err')]],
    ]),
    record('pkg.T.test_big', 'success', [['stdout', undefined, [bytesOf(2 * 1024 * 1024, 3)]]]),
    record('pkg.T.test_fail', 'fail', [['traceback', utf8, [Buffer.from('Traceback:\nValueError: no')]]]),
    record('pkg.T.test_skip', 'skip', [['reason', utf8, [Buffer.from('not here')]]]),
    record('pkg.T.test_ünicode[id-2]', 'success', []),
  ];

  it("writes the same three artifacts as add with stackVizDetails' texts", async () => {
    const bytes = new StackVizOutput();
    const texts = new StackVizOutput();
    for (const r of records) {
      bytes.addSubunit(r);
      texts.add(r, stackVizDetails(r));
    }
    const [ours, theirs] = await Promise.all([bytes.finish(), texts.finish()]);
    expect(ours.map((a) => gunzipSync(a.gzipped).toString('utf8'))).toEqual(theirs.map((a) => gunzipSync(a.gzipped).toString('utf8')));
    const details = JSON.parse(gunzipSync(ours[2].gzipped).toString('utf8')) as Record<string, Record<string, string>>;
    expect(details['pkg.T.test_latin1'].stdout).toBe('a\u00e9\n\u0000\u007f\u00ff');
    expect(details['pkg.T.test_chunks'].stdout).toBe('ü!');
  });
});
