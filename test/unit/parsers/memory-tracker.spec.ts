import { ArtifactFormatError, memoryTrackerArtifact } from '../../../src/artifacts/parsers';
import { MemoryLowPoints } from '../../../src/artifacts/parsers/memory-tracker/memory-low-points';
import { artifactJson, chunked, fixture } from './parser-test-helpers';

// fixtures/memory-tracker/screen-memory_tracker.txt: made by make-memory-tracker.py in the exact
// format of devstack's memory_tracker.sh as the journal export saves it.
const log = fixture('memory-tracker', 'screen-memory_tracker.txt');
const read = async (bytes: Buffer, chunk = 4096) => {
  const result = await memoryTrackerArtifact(chunked(bytes, chunk), 'screen-memory_tracker.txt');
  return { ...result, doc: artifactJson<MemoryLowPoints>([result.artifact], 'memory-tracker') };
};

describe('memoryTrackerArtifact', () => {
  it('keeps each low point with its time, meminfo and largest processes; blocks of locked memory alone give none', async () => {
    const { artifact, doc, pointCount, warnings } = await read(log);
    expect(artifact).toMatchObject({ artifactType: 'memory-tracker', contentType: 'application/json', primary: false });
    expect(warnings).toEqual([]);
    expect(pointCount).toBe(12);
    expect(doc.points).toHaveLength(12);
    expect(doc.points[0]).toEqual({
      time: '2016-06-28T13:22:41.000000+00:00',
      low_point_kb: 6299900,
      mem_total_kb: 8175420,
      mem_available_kb: 6299900,
      top_processes: [
        { pid: 2311, rss_kb: 402112, command: '/usr/sbin/mysqld' },
        {
          pid: 5544,
          rss_kb: 141320,
          command:
            '/usr/bin/python /usr/local/bin/neutron-server --config-file /etc/neutron/neutron.conf --config-file /etc/neutron/plugins/ml2/ml2_conf.ini',
        },
        { pid: 5530, rss_kb: 132904, command: '/usr/bin/python /usr/local/bin/nova-api' },
        { pid: 5618, rss_kb: 118272, command: '/usr/bin/python /usr/local/bin/nova-conductor --config-file /etc/nova/nova.conf' },
        { pid: 5702, rss_kb: 112640, command: '/usr/bin/python /usr/local/bin/nova-compute --config-file /etc/nova/nova.conf' },
      ],
    });
    const last = doc.points[11];
    expect(last.time).toBe('2016-06-28T14:17:41.000000+00:00');
    expect(last.low_point_kb).toBeLessThan(doc.points[10].low_point_kb);
    // 13:39:01 only logged locked memory: no point there
    expect(doc.points.map((p) => p.time.slice(11, 19))).not.toContain('13:39:01');
  });

  it("reads the script's raw output (without the journal prefix) the same, whatever the chunking", async () => {
    const raw = Buffer.from(log.toString().replace(/^[A-Z][a-z]{2} \d\d [\d:.]+ \S+ memory_tracker\.sh\[\d+\]: /gm, ''));
    expect(raw.toString()).toContain('\n[[[\nTue Jun 28 13:22:41 UTC 2016\n---\n');
    expect((await read(raw, 1)).doc).toEqual((await read(log)).doc);
  });

  it('a node whose date prints a 12-hour clock (LC_TIME=en_US.UTF-8, Ubuntu Noble): every low point placed, across noon', async () => {
    const { doc, warnings } = await read(fixture('memory-tracker', 'screen-memory_tracker-en_US.txt'));
    expect(warnings).toEqual([]);
    expect(doc.unplaced).toEqual([]);
    expect(doc.points.map((p) => p.time.slice(11, 19))).toEqual([
      '11:42:20',
      '11:44:40',
      '11:51:00',
      '12:00:40',
      '12:06:40',
      '12:11:00',
      '12:16:20',
      '12:20:40',
      '12:26:20',
      '12:30:40',
      '12:33:20',
      '12:37:20',
    ]);
    expect(doc.points.every((p) => p.time.startsWith('2026-11-27T'))).toBe(true);
  });

  it("a node in a locale whose dates are not read (ja_JP): kept unplaced, said so; placed by the journal's time once a header gives the year", async () => {
    const ja = fixture('memory-tracker', 'screen-memory_tracker-ja_JP.txt');
    const raw = Buffer.from(ja.toString().replace(/^[A-Z][a-z]{2} \d\d [\d:.]+ \S+ memory_tracker\.sh\[\d+\]: /gm, ''));
    for (const bytes of [ja, raw]) {
      const { doc, warnings } = await read(bytes);
      expect(doc.points).toEqual([]);
      expect(doc.unplaced).toHaveLength(12);
      expect(doc.unplaced![0]).toMatchObject({
        date_line: '2026年 11月 27日 金曜日 09:40:38 UTC',
        low_point_kb: 6299900,
        mem_total_kb: 8175420,
      });
      expect(warnings).toEqual([
        '12 low points could not be placed in time (date line "2026年 11月 27日 金曜日 09:40:38 UTC" not read, and no journal time with a known year): they are kept without a time',
      ]);
    }
    // journalctl of systemd 246-250 writes the header that gives the year
    const header = '-- Journal begins at Fri 2026-11-27 09:31:02 UTC, ends at Fri 2026-11-27 10:37:55 UTC. --\n';
    const { doc, warnings } = await read(Buffer.concat([Buffer.from(header), ja]));
    expect(warnings).toEqual([]);
    expect(doc.points).toHaveLength(12);
    expect(doc.points[0].time).toBe('2026-11-27T09:40:38.000037+00:00');
    expect(doc.unplaced).toEqual([]);
  });

  const block = (date: string, low: number, prefix = '') =>
    ['[[[', date, '---', `memory_tracker low_point: ${low}`, '---', '---', ']]]'].map((l) => prefix + l).join('\n');
  const point = (time: string, low: number) => ({ time, low_point_kb: low, mem_total_kb: null, mem_available_kb: null, top_processes: [] });

  it('takes the zone of the date line into account, and keeps a low point it cannot place without a time, saying so', async () => {
    const text = [block('Tue Jun 28 09:22:41 EDT 2016', 500), block('Tue Jun 28 13:22:41 XYZT 2016', 400)].join('\n');
    const { doc, warnings } = await read(Buffer.from(text));
    expect(doc.points).toEqual([point('2016-06-28T13:22:41.000000+00:00', 500)]);
    expect(doc.unplaced).toEqual([
      { date_line: 'Tue Jun 28 13:22:41 XYZT 2016', low_point_kb: 400, mem_total_kb: null, mem_available_kb: null, top_processes: [] },
    ]);
    expect(warnings).toEqual([
      '1 low points could not be placed in time (date line "Tue Jun 28 13:22:41 XYZT 2016" not read, and no journal time with a known year): they are kept without a time',
    ]);
  });

  it("places a block whose date line was not read by the journal's time, corrected by the journal's offset from the date lines", async () => {
    // the node's journal in CET (UTC+1), its date lines in UTC; the second block's date line is in a form not read
    const text = [
      block('Fri Nov 27 09:40:38 AM UTC 2026', 500, 'Nov 27 10:40:38.000037 host memory_tracker.sh[1]: '),
      block('2026年 11月 27日 金曜日 09:45:00 UTC', 400, 'Nov 27 10:45:00.000037 host memory_tracker.sh[1]: '),
    ].join('\n');
    expect((await read(Buffer.from(text))).doc.points.map((p) => p.time)).toEqual([
      '2026-11-27T09:40:38.000000+00:00',
      '2026-11-27T09:45:00.000037+00:00',
    ]);
  });

  it("takes the journal's missing year from the run's dates, across New Year", async () => {
    const text = [
      '-- Logs begin at Thu 2026-12-31 23:50:00 UTC, end at Fri 2027-01-01 00:20:00 UTC. --',
      block('2026年 12月 31日 木曜日 23:59:50 UTC', 500, 'Dec 31 23:59:50.000000 host memory_tracker.sh[1]: '),
      block('2027年 01月 01日 金曜日 00:00:10 UTC', 400, 'Jan 01 00:00:10.000000 host memory_tracker.sh[1]: '),
    ].join('\n');
    expect((await read(Buffer.from(text))).doc.points.map((p) => p.time)).toEqual([
      '2026-12-31T23:59:50.000000+00:00',
      '2027-01-01T00:00:10.000000+00:00',
    ]);
  });

  it.each([
    ['an empty file', ''],
    ["another service's log", 'Jun 28 13:22:41.000037 host devstack@n-api[51]: INFO nova.api started\n'],
  ])('rejects %s', async (_what, text) => {
    const attempt = read(Buffer.from(text));
    await expect(attempt).rejects.toBeInstanceOf(ArtifactFormatError);
    await expect(read(Buffer.from(text))).rejects.toThrow(/screen-memory_tracker\.txt is not memory_tracker output/);
  });
});
