import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import { subunitArtifacts } from '../../../src/artifacts/parsers';
import type { StackVizTest } from '../../../src/api-shapes';
import { artifactJson, chunked, fixture, FIXTURES } from './parser-test-helpers';

// Expected outputs come from Debian's python3-subunit (test/fixtures/regenerate-expected.sh).
interface ReferenceTest {
  id: string;
  status: string;
  tags: string[];
  start: string | null;
  end: string | null;
  last_timestamp: string | null;
}

const streams: Array<[string, () => Buffer]> = [
  ['devstack-gate-tempest', () => gunzipSync(fixture('subunit', 'devstack-gate-tempest.subunit.gz'))],
  ['stestr-all-skips', () => fixture('subunit', 'stestr-all-skips.subunit')],
  ['stestr-failure', () => fixture('subunit', 'stestr-failure.subunit')],
  ...[
    'stestr-4workers',
    'stestr-2workers',
    'concatenated',
    'crafted-flags',
    'crafted-varints',
    'corrupt-flipped-crc',
    'corrupt-truncated',
    'corrupt-junk-between-packets',
  ].map((name): [string, () => Buffer] => [name, () => fixture('subunit', `${name}.subunit`)]),
];

function expectedPath(name: string, kind: 'stream-to-dict.json' | 'subunit2csv.csv'): string {
  return join(FIXTURES, 'subunit', 'expected', `${name}.${kind}`);
}

/** python-subunit reports damaged packets as a failing test named `subunit.parser`; we warn instead. */
const isParserReport = (id: string) => id === 'subunit.parser';

const byIdAndStart =
  <T extends { id: string }>(start: (t: T) => string | null) =>
  (a: T, b: T) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : (start(a) ?? '') < (start(b) ?? '') ? -1 : 1;

/** `2016-06-28 13:38:08+00:00` / `...08.099819+00:00` (python's str(datetime)) → our ISO form. */
function csvTimeToIso(text: string): string {
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{6}))?\+00:00$/.exec(text);
  if (!m) throw new Error(`unexpected CSV time ${text}`);
  return `${m[1]}T${m[2]}.${m[3] ?? '000000'}+00:00`;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    if (!line) continue;
    const cells = [...line.matchAll(/"((?:[^"]|"")*)"|([^,]*)/g)]
      .filter((m) => m.index === 0 || line[m.index - 1] === ',')
      .map((m) => (m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]));
    rows.push(cells);
  }
  return rows;
}

/** subunit2csv goes through the v1 TestResult API, which renames statuses. */
const CSV_STATUS: Record<string, string> = {
  success: 'success',
  fail: 'failure',
  skip: 'skip',
  xfail: 'xfail',
  uxsuccess: 'success',
  inprogress: 'failure',
};

describe.each(streams)('subunit stream %s against python-subunit', (name, load) => {
  let tests: Required<StackVizTest>[];
  let warnings: string[];

  beforeAll(async () => {
    const result = await subunitArtifacts(chunked(load(), 4093));
    tests = artifactJson<Required<StackVizTest>[]>(result.artifacts, 'subunit');
    warnings = result.warnings;
    expect(result.testCount).toBe(tests.length);
  });

  it('has the same tests, statuses, tags and times as StreamToDict', () => {
    const reference = (JSON.parse(readFileSync(expectedPath(name, 'stream-to-dict.json'), 'utf8')) as ReferenceTest[])
      .filter((t) => !isParserReport(t.id))
      .sort(byIdAndStart((t) => t.start));
    const ours = [...tests].sort(byIdAndStart((t) => t.timestamps[0]));
    expect(ours.map((t) => t.id)).toEqual(reference.map((t) => t.id));
    ours.forEach((test, i) => {
      const ref = reference[i];
      expect({ id: test.id, status: test.status, tags: [...test.tags].sort(), start: test.timestamps[0], end: test.timestamps[1] }).toEqual(
        {
          id: ref.id,
          status: ref.status,
          tags: ref.tags,
          start: ref.start,
          // StreamToDict leaves an unfinished test without an end; we keep its last timestamp.
          end: ref.end ?? ref.last_timestamp,
        },
      );
    });
  });

  it('reports damaged packets exactly when python-subunit does', () => {
    const reference = JSON.parse(readFileSync(expectedPath(name, 'stream-to-dict.json'), 'utf8')) as ReferenceTest[];
    const damaged = warnings.filter((w) => w.startsWith('damaged subunit data'));
    expect(damaged.length).toBe(reference.filter((t) => isParserReport(t.id)).length);
  });

  const csvPath = expectedPath(name, 'subunit2csv.csv');
  (existsSync(csvPath) ? it : it.skip)('matches subunit2csv (ids, statuses, start and stop times)', () => {
    const rows = parseCsv(readFileSync(csvPath, 'utf8'))
      .filter(([id]) => !isParserReport(id))
      .map(([id, status, start, stop]) => ({ id, status, start: csvTimeToIso(start), stop: csvTimeToIso(stop) }))
      .sort(byIdAndStart((r) => r.start));
    const ours = [...tests].sort(byIdAndStart((t) => t.timestamps[0]));
    expect(ours.map((t) => t.id)).toEqual(rows.map((r) => r.id));
    ours.forEach((test, i) => {
      const row = rows[i];
      expect([test.id, CSV_STATUS[test.status], test.timestamps[0]]).toEqual([row.id, row.status, row.start]);
      // subunit2csv gives an unfinished test its start as stop time
      if (test.status !== 'inprogress') expect(test.timestamps[1]).toBe(row.stop);
    });
  });
});
