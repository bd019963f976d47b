import { gunzipSync } from 'zlib';
import { ArtifactFormatError, dstatArtifact } from '../../../src/artifacts/parsers';
import { DstatFormatError, parseDstatCsv } from '../../../src/artifacts/parsers/dstat/parse-dstat-csv';
import { splitCsvRow } from '../../../src/artifacts/parsers/dstat/csv-row';
import { chunked, fixture } from './parser-test-helpers';

const csv = (name: string) => fixture('dstat', name).toString('utf8');

describe('parseDstatCsv', () => {
  it('reads a real dstat 0.8 file (Debian dstat -tcmndrylpg) with StackViz column keys', () => {
    const data = parseDstatCsv(csv('dstat-0.8-tcmndrylpg.csv'));
    expect(data.header).toMatchObject({ tool: 'dstat', version: '0.8.0', host: 'vm', user: 'root' });
    expect(data.columns).toEqual(
      expect.arrayContaining([
        'total_cpu_usage_usr',
        'memory_usage_used',
        'net_total_recv',
        'dsk_total_read',
        'io_total_read',
        'system_int',
        'load_avg_1m',
        'procs_run',
        'paging_in',
      ]),
    );
    expect(data.columns).toHaveLength(25);
    expect(data.times).toEqual([
      '2026-11-25T17:25:44.000Z',
      '2026-11-25T17:25:45.000Z',
      '2026-11-25T17:25:46.000Z',
      '2026-11-25T17:25:47.000Z',
      '2026-11-25T17:25:48.000Z',
    ]);
    expect(data.series.total_cpu_usage_usr).toEqual([17.946, 0, 0, 0, 0]);
    expect(data.series.memory_usage_used[0]).toBe(346525696);
    expect(data.maximums.dsk_total_writ).toBe(17162240);
    expect(data.warnings).toEqual([]);
  });

  it('reads only the columns asked for (the viewer draws 8), with the same values and times', () => {
    const text = csv('dstat-0.8-appended.csv');
    const all = parseDstatCsv(text);
    const only = new Set(['total_cpu_usage_usr', 'memory_usage_used', 'net_total_recv', 'not_a_column']);
    const some = parseDstatCsv(text, only);
    expect(some.columns).toEqual(['total_cpu_usage_usr', 'memory_usage_used', 'net_total_recv']);
    expect(some.times).toEqual(all.times);
    expect(some.timesMs).toEqual(all.times.map((t) => Date.parse(t)));
    for (const key of some.columns) {
      expect(some.series[key]).toEqual(all.series[key]);
      expect([some.minimums[key], some.maximums[key]]).toEqual([all.minimums[key], all.maximums[key]]);
    }
  });

  it("resolves the rows' local times to UTC with the Date: header zone", () => {
    const data = parseDstatCsv(csv('dstat-0.8-tcp-berlin.csv'));
    expect(data.header.date).toBe('25 Nov 2026 18:25:56 CET');
    expect(data.times[0]).toBe('2026-11-25T17:25:56.000Z');
    expect(data.series.tcp_sockets_lis).toEqual([11, 11, 11]);
  });

  it('rolls the year over after December', () => {
    const data = parseDstatCsv(csv('dstat-year-rollover-est.csv'));
    expect(data.times).toEqual(['2019-01-01T04:59:58.000Z', '2019-01-01T04:59:59.000Z', '2019-01-01T05:00:00.000Z']);
    expect(data.series.memory_usage_used).toEqual([100, 101, null]);
  });

  it('reads 0.7.2 files: blank line before the group row, integers written 12.0', () => {
    const data = parseDstatCsv(csv('dstat-0.7.2-blank-line.csv'));
    expect(data.header.version).toBe('0.7.2');
    expect(data.series.total_cpu_usage_usr).toEqual([12, 45.5, 50]);
    expect(data.series.total_cpu_usage_siq).toEqual([0, 0, 0]);
    expect(data.series.memory_usage_free[0]).toBe(5814198272);
    expect(data.times[0]).toBe('2016-06-28T13:38:01.000Z');
  });

  it('reads pcp-dstat files', () => {
    const data = parseDstatCsv(csv('pcp-dstat-5.3.csv'));
    expect(data.header).toMatchObject({ tool: 'pcp-dstat', version: '5.3.7', host: 'ubuntu-focal-ovh-bhs1-0021' });
    expect(data.series.total_usage_usr).toEqual([8.123, 23.9]);
    expect(data.times).toEqual(['2022-03-14T09:15:03.000Z', '2022-03-14T09:15:04.000Z']);
  });

  it('reads files dstat appended to, with repeated header blocks', () => {
    const data = parseDstatCsv(csv('dstat-0.8-appended.csv'));
    expect(data.times).toHaveLength(6);
    expect(data.times[3]).toBe('2026-11-25T17:25:54.000Z');
    expect(data.series.total_cpu_usage_usr).toHaveLength(6);
    expect(data.columns).toHaveLength(25);
  });

  it('aligns columns that only a later header block has', () => {
    const text = [
      '"Dstat 0.7.3 CSV output"',
      '"Host:","h",,,,"User:","u"',
      '"Cmdline:","dstat -tc",,,,"Date:","01 Feb 2019 10:00:00 UTC"',
      '"system","total cpu usage",,',
      '"time","usr","sys","idl"',
      '01-02 10:00:00,1,2,97',
      '',
      '',
      '"Host:","h",,,,"User:","u"',
      '"Cmdline:","dstat -tcm",,,,"Date:","01 Feb 2019 11:00:00 UTC"',
      '"system","total cpu usage",,,"memory usage"',
      '"time","usr","sys","idl","used"',
      '01-02 11:00:00,3,4,93,1000',
    ].join('\n');
    const data = parseDstatCsv(text);
    expect(data.series).toEqual({
      total_cpu_usage_usr: [1, 3],
      total_cpu_usage_sys: [2, 4],
      total_cpu_usage_idl: [97, 93],
      memory_usage_used: [null, 1000],
    });
  });

  it('says why a file is not dstat', () => {
    expect(() => parseDstatCsv(csv('not-dstat.csv'))).toThrow(DstatFormatError);
    expect(() => parseDstatCsv(csv('not-dstat.csv'))).toThrow(/not a dstat CSV file: the first line is/);
    expect(() => parseDstatCsv('"Dstat 0.7.3 CSV output"\n')).toThrow(/no column header rows/);
    expect(() =>
      parseDstatCsv(
        '"Dstat 0.7.3 CSV output"\n"Cmdline:","dstat -c",,,,"Date:","01 Feb 2019 10:00:00 UTC"\n"total cpu usage",,\n"usr","sys","idl"\n',
      ),
    ).toThrow(/without a time column/);
  });

  it('warns about an unknown time zone and takes UTC', () => {
    const data = parseDstatCsv(csv('dstat-year-rollover-est.csv').replace(' EST"', ' XYZT"'));
    expect(data.warnings).toEqual(['unknown time zone "XYZT" in the Date: header; times taken as UTC']);
    expect(data.times[0]).toBe('2018-12-31T23:59:58.000Z');
  });
});

describe('splitCsvRow', () => {
  it('handles quotes, doubled quotes and empty cells', () => {
    expect(splitCsvRow('"a,b","say ""hi""",,3')).toEqual(['a,b', 'say "hi"', '', '3']);
    expect(splitCsvRow('"paging",')).toEqual(['paging', '']);
  });

  it('stops after maxCells cells', () => {
    expect(splitCsvRow('"a,b",2,,4', 2)).toEqual(['a,b', '2']);
    expect(splitCsvRow('1,2', 5)).toEqual(['1', '2']);
    expect(splitCsvRow('1,2', 0)).toEqual([]);
  });
});

describe('dstatArtifact', () => {
  it('stores the original bytes gzipped as text/csv', async () => {
    const bytes = fixture('dstat', 'dstat-0.8-appended.csv');
    const artifact = await dstatArtifact(chunked(bytes, 100));
    expect(artifact).toMatchObject({ artifactType: 'dstat', contentType: 'text/csv', primary: false });
    expect(gunzipSync(artifact.gzipped)).toEqual(bytes);
  });

  it.each([
    ['a CSV from another tool', fixture('dstat', 'not-dstat.csv'), /not a dstat CSV file/],
    ['an empty file', Buffer.alloc(0), /empty/],
    ['a gzip file', Buffer.from([0x1f, 0x8b, 8, 0]), /still gzip-compressed/],
    ['a subunit stream', fixture('subunit', 'stestr-4workers.subunit'), /binary/],
  ])('rejects %s with ArtifactFormatError', async (_what, bytes, reason) => {
    await expect(dstatArtifact(chunked(bytes, 64))).rejects.toBeInstanceOf(ArtifactFormatError);
    await expect(dstatArtifact(chunked(bytes, 64))).rejects.toThrow(reason);
  });
});
