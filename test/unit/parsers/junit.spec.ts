import { gunzipSync } from 'zlib';
import { ArtifactFormatError, junitArtifacts, subunitArtifacts } from '../../../src/artifacts/parsers';
import { MAX_TEXT_CHARS } from '../../../src/artifacts/parsers/junit/junit-reader';
import type { DetailsByName, StackVizStats, StackVizTest } from '../../../src/api-shapes';
import { signatureId } from '../../../src/failure-cause/failure-cause';
import { artifactJson, chunked, fixture } from './parser-test-helpers';

const convert = async (xml: Buffer | string, chunkSize = 4096, name = 'report.xml') => {
  const result = await junitArtifacts(chunked(Buffer.from(xml), chunkSize), name);
  return {
    ...result,
    tests: artifactJson<StackVizTest[]>(result.artifacts, 'subunit'),
    stats: artifactJson<StackVizStats>(result.artifacts, 'subunit-stats'),
    details: artifactJson<DetailsByName>(result.artifacts, 'subunit-details'),
  };
};

/** What JUnit can say of a subunit status: junitxml reports xfail as a pass, uxsuccess and unfinished tests as failures. */
const JUNIT_STATUS: Record<string, string> = {
  success: 'success',
  fail: 'fail',
  skip: 'skip',
  xfail: 'success',
  uxsuccess: 'fail',
  inprogress: 'fail',
};

const streams: Array<[string, () => Buffer]> = [
  ['devstack-gate-tempest', () => gunzipSync(fixture('subunit', 'devstack-gate-tempest.subunit.gz'))],
  ['stestr-all-skips', () => fixture('subunit', 'stestr-all-skips.subunit')],
  ['stestr-failure', () => fixture('subunit', 'stestr-failure.subunit')],
  ...['stestr-4workers', 'concatenated', 'crafted-varints'].map((name): [string, () => Buffer] => [
    name,
    () => fixture('subunit', `${name}.subunit`),
  ]),
];

// The XML is subunit2junitxml's reading of the same stream (test/fixtures/regenerate-expected.sh).
describe.each(streams)('JUnit XML from subunit2junitxml of %s', (name, stream) => {
  it('gives the names, statuses and durations our subunit conversion gives', async () => {
    const junit = await convert(fixture('junit', 'from-subunit', `${name}.xml`), 1000);
    const subunit = artifactJson<StackVizTest[]>((await subunitArtifacts(chunked(stream(), 65536))).artifacts, 'subunit');
    const row = (t: StackVizTest, status: string) => [t.name, status];
    const byName = (a: (string | number)[], b: (string | number)[]) =>
      String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1]));
    expect(junit.tests.map((t) => row(t, t.status)).sort(byName)).toEqual(subunit.map((t) => row(t, JUNIT_STATUS[t.status])).sort(byName));
    expect(junit.tests.length).toBeGreaterThan(0);

    // subunit2junitxml writes `time` to the millisecond
    const durations = (tests: StackVizTest[]) => tests.map((t) => t.duration!).sort((a, b) => a - b);
    const ours = durations(subunit);
    durations(junit.tests).forEach((d, i) => expect(Math.abs(d - ours[i])).toBeLessThanOrEqual(0.0005 + 1e-9));
    // it writes no timestamps: the tests have durations but no times
    expect(junit.tests.every((t) => t.timestamps[0] === null && t.timestamps[1] === null)).toBe(true);
    expect(junit.stats.count).toBe(subunit.length);
  });
});

describe('JUnit XML from subunit2junitxml: details', () => {
  it('keeps failure texts as tracebacks, whose last line is the failure, and skip reasons', async () => {
    const { stats, details } = await convert(fixture('junit', 'from-subunit', 'stestr-4workers.xml'));
    const failure = stats.failures.find((f) => f.name === 'sample_tests.test_arithmetic.ArithmeticTest.test_raises_error')!;
    expect(failure.details).toEqual(['RuntimeError: unexpected state: \u00e9t\u00e9 \u2603']);
    expect(details['sample_tests.test_arithmetic.ArithmeticTest.test_raises_error'].traceback).toMatch(
      /^testtools\.testresult\.real\._StringException: Traceback/,
    );
    // `setUpClass (pkg.Cls)` has no classname in JUnit; StackViz's name cleaning applies to the joined id
    expect(stats.skips).toContainEqual({
      name: 'sample_tests.test_fixtures.SkippedClassTest.setUpClass',
      duration: 0,
      details: 'service not enabled',
    });
  });

  it('uses the failure type when the element is empty (an unexpected success)', async () => {
    const { details, tests } = await convert(fixture('junit', 'from-subunit', 'stestr-4workers.xml'));
    expect(tests.find((t) => t.name === 'sample_tests.test_arithmetic.ArithmeticTest.test_fixed_bug')!.status).toBe('fail');
    expect(details['sample_tests.test_arithmetic.ArithmeticTest.test_fixed_bug']).toEqual({
      traceback: 'unittest.case._UnexpectedSuccess',
    });
  });
});

describe('a pytest --junitxml report', () => {
  const report = fixture('junit', 'pytest-report.xml');
  const prefix = 'pytest-project.test_sample.';

  it('gives every outcome its status, tests times from the suite timestamp on, and the captured output', async () => {
    const { tests, details, stats, artifacts } = await convert(report, 1);
    expect(artifacts.map((a) => [a.artifactType, a.primary])).toEqual([
      ['subunit', true],
      ['subunit-stats', false],
      ['subunit-details', false],
    ]);
    expect(tests.map((t) => [t.name.slice(prefix.length), t.status])).toEqual([
      ['TestServers.test_create', 'success'],
      ['TestServers.test_resize', 'fail'],
      ['TestServers.test_gpu', 'skip'],
      ['TestServers.test_known_bug', 'skip'], // pytest reports an expected failure as skipped
      ['test_uses_service', 'fail'], // an error in a fixture
      ['test_volume_sizes', 'success'], // StackViz's name cleaning drops pytest's [parameters] too
      ['test_volume_sizes', 'success'],
      ['test_unicode_output', 'success'],
    ]);
    expect(tests[5].id).toBe(`${prefix}test_volume_sizes[1]`);

    const suiteStart = /timestamp="([^"]+)"/.exec(report.toString())![1];
    const times = [...report.toString().matchAll(/<testcase [^>]*time="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(tests[0].timestamps[0]).toBe(`${suiteStart}+00:00`);
    expect(tests[0].duration).toBe(times[0]);
    const startOf = (t: StackVizTest) => Date.parse(t.timestamps[0]!);
    expect(startOf(tests[2]) - startOf(tests[0])).toBeCloseTo((times[0] + times[1]) * 1000, 0);
    expect(Date.parse(tests[1].timestamps[1]!) - startOf(tests[1])).toBeCloseTo(times[1] * 1000, 0);

    const resize = details[`${prefix}TestServers.test_resize`];
    expect(resize.traceback).toMatch(/^self = <test_sample\.TestServers object at 0x[0-9a-f]+>\n/);
    expect(resize.traceback).toMatch(/E {7}assert \(1 \+ 1\) == 3\n\npytest-project\/test_sample\.py:\d+: AssertionError$/);
    expect(resize.stdout).toContain('resizing server 42');
    expect(resize.stdout).toContain('WARNING  compute:test_sample.py:16 quota nearly exhausted');
    expect(resize.stderr).toContain('flavor not found');
    expect(details[`${prefix}test_unicode_output`].stdout).toContain('\u00e9t\u00e9 \u2603 <ok> & "quoted"');
    expect(details[`${prefix}TestServers.test_gpu`].reason).toBe('requires a GPU');
    expect(stats.skips.map((s) => s.details)).toEqual(['requires a GPU', 'bug 1234567']);
    expect(stats.failures.map((f) => [f.name.slice(prefix.length), f.details])).toEqual([
      ['TestServers.test_resize', ['pytest-project/test_sample.py:17: AssertionError']],
      ['test_uses_service', ['pytest-project/test_sample.py:30: ConnectionError']],
    ]);
    // The cause is pytest's E lines, masked; its id the server's.
    expect(stats.failures.map((f) => [f.cause, f.signature_id])).toEqual(
      ['AssertionError: resize did not change the flavor', 'ConnectionError: cannot reach the fake service'].map((cause) => [
        cause,
        expect.stringMatching(/^[0-9a-f]{16}$/),
      ]),
    );
    expect(stats.failures[0].signature_id).toBe(signatureId(stats.failures[0].cause!));
  });

  it('is read the same whatever the chunking', async () => {
    const one = await convert(report, 1);
    const big = await convert(report, 65536);
    expect(big.tests).toEqual(one.tests);
    expect(big.details).toEqual(one.details);
  });
});

describe('a bare <testsuite>', () => {
  it("takes times from the test cases' timestamps, else the suite's plus the time before, in nested suites too", async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="ansible-test" timestamp="2024-02-13T23:00:00Z" tests="4">
  <testcase classname="sanity" name="pep8" time="1.5"/>
  <testcase classname="sanity" name="shellcheck" time="2.25"><failure message="SC2086: Double quote to prevent globbing"/></testcase>
  <testcase classname="units" name="test_x" time="0.5" timestamp="2024-02-14T01:00:00.250+01:00"/>
  <testsuite name="inner"><testcase name="loose" time="1"><skipped/></testcase></testsuite>
</testsuite>`;
    const { tests, details } = await convert(xml);
    expect(tests.map((t) => [t.name, t.status, t.timestamps, t.duration])).toEqual([
      ['sanity.pep8', 'success', ['2024-02-13T23:00:00.000000+00:00', '2024-02-13T23:00:01.500000+00:00'], 1.5],
      ['sanity.shellcheck', 'fail', ['2024-02-13T23:00:01.500000+00:00', '2024-02-13T23:00:03.750000+00:00'], 2.25],
      ['units.test_x', 'success', ['2024-02-14T00:00:00.250000+00:00', '2024-02-14T00:00:00.750000+00:00'], 0.5],
      ['loose', 'skip', ['2024-02-13T23:00:04.250000+00:00', '2024-02-13T23:00:05.250000+00:00'], 1],
    ]);
    expect(details['sanity.shellcheck']).toEqual({ traceback: 'SC2086: Double quote to prevent globbing' });
    expect(details.loose).toEqual({});
  });

  it('decodes the encoding the XML declaration names', async () => {
    const xml = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><testsuite><testcase classname="caf\xe9" name="t"/></testsuite>',
      'latin1',
    );
    expect((await convert(xml, 3)).tests.map((t) => t.name)).toEqual(['caf\u00e9.t']);
  });

  it("cuts a test's text past its bound and says so", async () => {
    const xml = `<testsuite><testcase name="loud"><system-out>${'x'.repeat(MAX_TEXT_CHARS + 10)}</system-out></testcase></testsuite>`;
    const { details, warnings } = await convert(xml, 1 << 20);
    expect(details.loud.stdout.length).toBe(MAX_TEXT_CHARS + '\n[10 more characters not kept]'.length);
    expect(details.loud.stdout.endsWith('x\n[10 more characters not kept]')).toBe(true);
    expect(warnings).toEqual([`1 test outputs longer than ${MAX_TEXT_CHARS} characters were cut`]);
  });
});

describe('not a JUnit report', () => {
  const cut = fixture('junit', 'from-subunit', 'stestr-failure.xml').subarray(0, 3000);
  it.each<[string, Buffer | string, RegExp]>([
    ['a report cut off mid-way', cut, /^report\.xml is not well-formed XML \(line \d+, column \d+: .*\); a JUnit report that was cut off/],
    [
      'output before the root element',
      'Ran 3 tests\n<testsuite></testsuite>',
      /not well-formed XML \(line 2, column 1: text data outside of root node/,
    ],
    ['an HTML page', '<html><body>Not Found</body></html>', /report\.xml is XML but not a JUnit report: its root element is <html>/],
    ['an empty file', '', /report\.xml is empty/],
    ['an undefined entity', '<testsuite><testcase name="&nope;"/></testsuite>', /not well-formed XML/],
  ])('rejects %s with a message a user can act on', async (_what, bytes, message) => {
    const attempt = convert(bytes, 512);
    await expect(attempt).rejects.toBeInstanceOf(ArtifactFormatError);
    await expect(convert(bytes, 512)).rejects.toThrow(message);
  });
});
