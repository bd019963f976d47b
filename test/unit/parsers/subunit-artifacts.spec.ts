import { gunzipSync } from 'zlib';
import { ArtifactFormatError, subunitArtifacts } from '../../../src/artifacts/parsers';
import type { DetailsByName, StackVizStats, StackVizTest } from '../../../src/api-shapes';
import { statsJsonPieces, tracebackTail } from '../../../src/artifacts/parsers/subunit/stackviz-json';
import { cleanTestName } from '../../../src/artifacts/parsers/subunit/test-name';
import { signatureId } from '../../../src/failure-cause/failure-cause';
import * as fullCollectionModule from '../../../src/common/full-collection';
import { artifactJson, chunked, fixture } from './parser-test-helpers';

const devstack = () => gunzipSync(fixture('subunit', 'devstack-gate-tempest.subunit.gz'));

describe('cleanTestName (StackViz)', () => {
  it.each([
    ['tempest.api.A.test_x[id-d0f3f0d6,volume]', 'tempest.api.A.test_x'],
    [
      'setUpClass (tempest.api.compute.admin.LiveBlockMigrationTestJSON)',
      'tempest.api.compute.admin.LiveBlockMigrationTestJSON.setUpClass',
    ],
    ['a.b[x][y]', 'a.b[x]'],
    ['pkg.T.test_plain', 'pkg.T.test_plain'],
    ['pkg.T.test_empty[]', 'pkg.T.test_empty[]'],
  ])('%s → %s', (id, name) => expect(cleanTestName(id)).toBe(name));

  it("agrees with StackViz's two patterns on every short id made of brackets, newlines and letters", () => {
    const tags = /^([^\n]+)\[([^\n]+)\]$/;
    const scenario = /^([^\n]+) \(([^\n]+)\)$/;
    const byPatterns = (id: string) => tags.exec(id)?.[1] ?? ((m) => (m ? `${m[2]}.${m[1]}` : id))(scenario.exec(id));
    const alphabet = ['a', '[', ']', '\n', ' ', '(', ')'];
    const ids = [''];
    for (let length = 1; length <= 6; length++) {
      for (const id of ids.filter((i) => i.length === length - 1)) ids.push(...alphabet.map((c) => id + c));
    }
    expect(ids.filter((id) => cleanTestName(id) !== byPatterns(id))).toEqual([]);
  });
});

describe('tracebackTail', () => {
  it('keeps the last line, or the last two when the last is a Details line', () => {
    expect(tracebackTail('Traceback:\n  File "x"\nValueError: boom\n\n')).toEqual(['ValueError: boom']);
    expect(tracebackTail('Traceback:\nMismatchError: 1 != 2\nDetails: one is not two')).toEqual([
      'MismatchError: 1 != 2',
      'Details: one is not two',
    ]);
    expect(tracebackTail('Details only')).toEqual(['Details only']);
  });
});

describe('statsJsonPieces', () => {
  it("joins into JSON.stringify's bytes, with and without failures and skips", () => {
    const failure = { name: 'a.b\u2028"c"', duration: 1.5, details: ['Error: ü'], cause: 'Error: <n>', signature_id: '0123456789abcdef' };
    const skip = { name: 'a.skip', duration: null, details: null };
    const cases: StackVizStats[] = [
      { count: 0, start: null, end: null, total_duration: 0, failures: [], skips: [] },
      {
        count: 3,
        start: '2016-06-28T13:56:08.099819+00:00',
        end: '2016-06-28T13:57:08.000001+00:00',
        total_duration: 2.25,
        failures: [failure, { ...failure, details: null }],
        skips: [skip],
      },
    ];
    for (const stats of cases) expect([...statsJsonPieces(stats)].join('')).toBe(JSON.stringify(stats));
  });
});

describe('subunitArtifacts', () => {
  it('writes the three StackViz artifacts, gzip-compressed, subunit primary', async () => {
    const { artifacts, testCount, warnings } = await subunitArtifacts(chunked(devstack(), 65536));
    expect(artifacts.map((a) => [a.artifactType, a.contentType, a.primary])).toEqual([
      ['subunit', 'application/json', true],
      ['subunit-stats', 'application/json', false],
      ['subunit-details', 'application/json', false],
    ]);
    for (const a of artifacts) expect(a.gzipped.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(testCount).toBe(299);
    expect(warnings).toEqual([]);

    const tests = artifactJson<Required<StackVizTest>[]>(artifacts, 'subunit');
    const live = tests.find((t) => t.id.startsWith('setUpClass (tempest.api.compute.admin.test_live_migration'))!;
    expect(live).toEqual({
      name: 'tempest.api.compute.admin.test_live_migration.LiveBlockMigrationTestJSON.setUpClass',
      id: 'setUpClass (tempest.api.compute.admin.test_live_migration.LiveBlockMigrationTestJSON)',
      status: 'skip',
      tags: ['worker-0'],
      timestamps: ['2016-06-28T13:56:08.099819+00:00', '2016-06-28T13:56:08.099819+00:00'],
      duration: 0,
      details: {},
    });

    const stats = artifactJson<StackVizStats>(artifacts, 'subunit-stats');
    expect(stats).toMatchObject({ count: 299, start: '2016-06-28T13:38:08.000000+00:00', end: '2016-06-28T14:11:46.345210+00:00' });
    expect(stats.total_duration).toBeCloseTo(
      tests.reduce((sum, t) => sum + t.duration!, 0),
      6,
    );
    expect(stats.skips).toHaveLength(13);
    expect(stats.skips[0]).toEqual({
      name: 'tempest.api.compute.admin.test_live_migration.LiveBlockMigrationTestJSON.setUpClass',
      duration: 0,
      details: 'LiveBlockMigrationTestJSON skipped as live-migration is not available',
    });
    for (const skip of stats.skips) expect(skip.details).toEqual(expect.any(String));

    const details = artifactJson<DetailsByName>(artifacts, 'subunit-details');
    expect(Object.keys(details)).toContain(live.name);
    expect(details[live.name].reason).toBe('LiveBlockMigrationTestJSON skipped as live-migration is not available');
  });

  it('gives failures their traceback tail (stestr streams)', async () => {
    const { artifacts } = await subunitArtifacts(chunked(fixture('subunit', 'stestr-failure.subunit'), 1000));
    const stats = artifactJson<StackVizStats>(artifacts, 'subunit-stats');
    expect(stats.failures).toHaveLength(1);
    expect(stats.failures[0].details).toEqual([expect.stringMatching(/Error/)]);

    const ours = await subunitArtifacts(chunked(fixture('subunit', 'stestr-4workers.subunit'), 1000));
    const ourStats = artifactJson<StackVizStats>(ours.artifacts, 'subunit-stats');
    expect(Object.fromEntries(ourStats.failures.map((f) => [f.name, f.details]))).toEqual({
      // StackViz keeps the line before a `Details` line
      'sample_tests.test_arithmetic.ArithmeticTest.test_division_by_zero_fails': [
        '    raise self.failureException(msg)',
        'AssertionError: 1.0 != 2 : Details: one is not two',
      ],
      'sample_tests.test_arithmetic.ArithmeticTest.test_raises_error': ['RuntimeError: unexpected state: été ☃'],
      'sample_tests.test_fixtures.BrokenSetUpClassTest.setUpClass': ['ValueError: cannot reach the fake service'],
    });
    // The cause is the whole exception, masked, whatever StackViz's tail keeps.
    expect(Object.fromEntries(ourStats.failures.map((f) => [f.name, [f.cause, f.signature_id]]))).toEqual({
      'sample_tests.test_arithmetic.ArithmeticTest.test_division_by_zero_fails': [
        'AssertionError: <n> != <n> : Details: one is not two',
        signatureId('AssertionError: <n> != <n> : Details: one is not two'),
      ],
      'sample_tests.test_arithmetic.ArithmeticTest.test_raises_error': [
        'RuntimeError: unexpected state: été ☃',
        signatureId('RuntimeError: unexpected state: été ☃'),
      ],
      'sample_tests.test_fixtures.BrokenSetUpClassTest.setUpClass': [
        'ValueError: cannot reach the fake service',
        signatureId('ValueError: cannot reach the fake service'),
      ],
    });
    expect(Object.fromEntries(ourStats.skips.map((s) => [s.name, s.details]))).toEqual({
      'sample_tests.test_arithmetic.ArithmeticTest.test_skipped': 'not implemented on this platform',
      'sample_tests.test_arithmetic.ArithmeticTest.test_skip_inside': 'requires a GPU',
      'sample_tests.test_fixtures.SkippedClassTest.setUpClass': 'service not enabled',
    });
    const tests = artifactJson<StackVizTest[]>(ours.artifacts, 'subunit');
    const lanes = new Set(tests.map((t) => t.tags.find((tag) => tag.startsWith('worker-'))));
    expect([...lanes].sort()).toEqual(['worker-0', 'worker-1', 'worker-2', 'worker-3']);
  });

  it('joins attachments split across packets, per file name, with StackViz detail keys', async () => {
    const { artifacts, warnings } = await subunitArtifacts(chunked(fixture('subunit', 'crafted-flags.subunit'), 3));
    const tests = artifactJson<StackVizTest[]>(artifacts, 'subunit');
    const details = artifactJson<DetailsByName>(artifacts, 'subunit-details');
    expect(details['pkg.Routes.test_a']).toBeDefined();
    const routeA = tests.filter((t) => t.id === 'pkg.Routes.test_a');
    expect(routeA.map((t) => [t.status, t.tags.sort()])).toEqual([
      ['fail', ['replaced', 'worker-0']],
      ['success', ['worker-1']],
    ]);
    expect(details['pkg.Hung.test_forever']).toEqual({ pythonlogging: 'still waiting\n' });
    expect(tests.find((t) => t.id === 'pkg.Hung.test_forever')).toMatchObject({
      status: 'inprogress',
      timestamps: ['2020-01-02T03:04:05.142456+00:00', '2020-01-02T03:04:05.143456+00:00'],
      duration: 0.001,
    });
    expect(warnings).toEqual(['1 tests never finished (the stream may have been cut off)']);

    const stats = artifactJson<StackVizStats>(artifacts, 'subunit-stats');
    const withCause = (cause: string) => ({ cause, signature_id: signatureId(cause) });
    expect(stats.failures).toEqual([
      { name: 'pkg.Routes.test_a', duration: 0.005, details: ['AssertionError: 1 != 2'], ...withCause('AssertionError: <n> != <n>') },
      { name: 'pkg.Ünicode.setUpClass', duration: 0.001, details: ['ValueError: no'], ...withCause('ValueError: no') },
    ]);
    expect(stats.skips).toEqual([{ name: 'pkg.Other.test_skip', duration: 0.001, details: 'not on this cloud' }]);
  });

  it('keeps the traceback text whole, UTF-8 decoded, across three packets', async () => {
    const { artifacts } = await subunitArtifacts(chunked(fixture('subunit', 'crafted-flags.subunit'), 5));
    // the failing route-0 run and the passing route-1 run share a name: as in StackViz, the later one wins
    const details = artifactJson<DetailsByName>(artifacts, 'subunit-details');
    expect(details['pkg.Routes.test_a']).toEqual({});
    const raw = gunzipSync(artifacts[2].gzipped).toString();
    expect(raw).toContain(
      JSON.stringify({ traceback: 'Traceback (most recent call last):\n  File "café.py", line 1, in test_a\nAssertionError: 1 != 2\n' }),
    );
  });

  it('gives the same artifacts whatever the chunk size', async () => {
    const bytes = fixture('subunit', 'stestr-4workers.subunit');
    const json = async (size: number) =>
      (await subunitArtifacts(chunked(bytes, size))).artifacts.map((a) => gunzipSync(a.gzipped).toString());
    const whole = await json(bytes.length);
    expect(await json(1)).toEqual(whole);
    expect(await json(13)).toEqual(whole);
  });

  it('reports non-subunit output and damaged packets as warnings', async () => {
    const junk = await subunitArtifacts(chunked(fixture('subunit', 'corrupt-junk-between-packets.subunit'), 64));
    expect(junk.nonSubunitOutput.text).toContain('running tests...\njunk with ³ and € and ㌳ between packets\n');
    const junkBytes =
      Buffer.byteLength('running tests...\njunk with ³ and € and ㌳ between packets\n') + '\x00\x01 binary noise \xff\xfe\n'.length;
    expect(junk.nonSubunitOutput.bytes).toBe(junkBytes);
    expect(junk.warnings).toEqual([`${junkBytes} bytes of non-subunit output between packets`]);

    const flipped = await subunitArtifacts(chunked(fixture('subunit', 'corrupt-flipped-crc.subunit'), 64));
    expect(flipped.warnings).toEqual([
      expect.stringMatching(
        /^damaged subunit data at byte \d+ \(bad CRC32 \(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\)\): skipped \d+ bytes$/,
      ),
      '1 tests never finished (the stream may have been cut off)',
    ]);

    const cut = await subunitArtifacts(chunked(fixture('subunit', 'corrupt-truncated.subunit'), 64));
    expect(cut.warnings[0]).toMatch(/truncated packet/);
  });

  it.each([
    ['an empty stream', Buffer.alloc(0), /empty/],
    ['text', Buffer.from('<html><body>Not Found</body></html>'), /no subunit v2 packet in 35 bytes/],
    ['a subunit v1 stream', Buffer.from('test: a.b\nsuccess: a.b\n'), /subunit v1/],
    ['a gzip file', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]), /gzip/],
  ])('rejects %s with a readable reason', async (_what, bytes, reason) => {
    const attempt = subunitArtifacts(chunked(bytes, 16));
    await expect(attempt).rejects.toBeInstanceOf(ArtifactFormatError);
    await expect(subunitArtifacts(chunked(bytes, 16))).rejects.toThrow(reason);
  });

  it('collects garbage once per 64 MiB of a big stream, never during a small one', async () => {
    const collections = jest.spyOn(fullCollectionModule, 'fullCollection').mockImplementation(() => {});
    try {
      const once = devstack();
      await subunitArtifacts(chunked(once, 1024 * 1024), undefined, { onThread: false });
      expect(collections).not.toHaveBeenCalled();
      const big = Buffer.concat(Array.from({ length: Math.ceil((64 * 1024 * 1024) / once.length) }, () => once));
      await subunitArtifacts(chunked(big, 1024 * 1024), undefined, { onThread: false });
      expect(collections).toHaveBeenCalledTimes(1);
    } finally {
      collections.mockRestore();
    }
  });

  it('gives the event loop turns while decoding a large stream', async () => {
    const bytes = Buffer.concat([devstack(), devstack()]);
    let turns = 0;
    const tick = () => {
      turns++;
      if (pending) setImmediate(tick);
    };
    let pending = true;
    setImmediate(tick);
    await subunitArtifacts(chunked(bytes, bytes.length));
    pending = false;
    expect(turns).toBeGreaterThan(1);
  });
});
