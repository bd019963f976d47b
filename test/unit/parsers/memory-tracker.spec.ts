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

  it('takes the zone of the date line into account, and leaves out a low point it cannot date', async () => {
    const block = (date: string, low: number) => ['[[[', date, '---', `memory_tracker low_point: ${low}`, '---', '---', ']]]'].join('\n');
    const text = [block('Tue Jun 28 09:22:41 EDT 2016', 500), block('Tue Jun 28 13:22:41 XYZT 2016', 400)].join('\n');
    const { doc, warnings } = await read(Buffer.from(text));
    expect(doc.points).toEqual([
      { time: '2016-06-28T13:22:41.000000+00:00', low_point_kb: 500, mem_total_kb: null, mem_available_kb: null, top_processes: [] },
    ]);
    expect(warnings).toEqual(['1 low points without a readable date were left out']);
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
