import { toDstatSeries } from '../../../web/src/data/dstat';
import { loadRunData, pickMeta } from '../../../web/src/data/run-data';
import { stackvizArtifacts } from '../../../web/src/data/stackviz-config';
import { fixture } from './fixtures';

describe('run data from artifacts', () => {
  const handle = (type: string, name: string, text: () => string) => ({ type, name, text: async () => text() });

  it('reads subunit, details and dstat artifacts into one model', async () => {
    const run = await loadRunData(pickMeta({ name: 'tempest-full', change_id: 271726, extra: 1 } as never), [
      handle('subunit', 'testrepository.subunit', () => fixture('stestr-failure-raw.json')),
      handle('subunit-details', 'testrepository.subunit', () => fixture('stestr-failure-details.json')),
      handle('dstat', 'dstat-csv_log.txt', () => fixture('dstat-0.7.3.csv')),
    ]);
    expect(run.meta).toMatchObject({ name: 'tempest-full', change_id: 271726, pipeline: null });
    expect(run.meta).not.toHaveProperty('extra');
    expect(run.tests).toHaveLength(63);
    expect(Object.keys(run.details)).toHaveLength(63);
    expect(run.dstat!.times.length).toBe(3);
    expect(run.problems).toEqual([]);
  });

  it('reports an unreadable artifact and keeps the rest', async () => {
    const run = await loadRunData(pickMeta({}), [
      handle('subunit', 'a', () => fixture('stestr-all-skips-raw.json')),
      handle('console', 'job-output.txt', () => '{not json'),
      handle('subunit-details', 'a', () => {
        throw new Error('404 Not Found');
      }),
    ]);
    expect(run.tests).toHaveLength(7);
    expect(run.console).toBeNull();
    expect(run.problems).toHaveLength(2);
    expect(run.problems.join('\n')).toContain('404 Not Found');
  });
});

describe('dstat series', () => {
  it("reads usr/sys/wai, memory, network and disk from dstat 0.7.3's CSV, dated by its header", () => {
    const s = toDstatSeries(fixture('dstat-0.7.3.csv'))!;
    const rows = fixture('dstat-0.7.3.csv')
      .trim()
      .split('\n')
      .slice(6)
      .map((l) => l.split(','));
    expect(s.times).toHaveLength(rows.length);
    const [d, rest] = rows[0][0].split(' ');
    const [day, month] = d.split('-').map(Number);
    const [h, m, sec] = rest.split(':').map(Number);
    expect(s.times[0]).toBe(Date.UTC(2018, month - 1, day, h, m, sec));
    expect(s.cpuUsr[0]).toBe(Number(rows[0][1]));
    expect(s.cpuSys[0]).toBe(Number(rows[0][2]));
    expect(s.cpuWait[0]).toBe(Number(rows[0][4]));
    expect(s.memUsed[0]).toBe(Number(rows[0][6]));
    expect(s.netRecv[0]).toBe(Number(rows[0][10]));
    expect(s.dskWrit[0]).toBe(Number(rows[0][13]));
  });

  it('says null for something that is not a dstat CSV', () => {
    expect(toDstatSeries('hello,world\n1,2')).toBeNull();
  });
});

describe('StackViz config.json', () => {
  it('lists the artifacts of a stackviz-export dataset', () => {
    const { meta, artifacts } = stackvizArtifacts({
      deployer: false,
      datasets: [
        {
          name: 'tempest-full',
          pipeline: 'check',
          artifacts: [
            { path: 'tempest_0-raw.json.gz', artifact_name: 'testrepository.subunit', artifact_type: 'subunit' },
            { path: 'dstat.csv.gz', artifact_name: 'dstat-csv_log.txt', artifact_type: 'dstat' },
          ],
        },
      ],
    });
    expect(meta).toMatchObject({ name: 'tempest-full', pipeline: 'check' });
    expect(artifacts.map((a) => a.artifact_type)).toEqual(['subunit', 'dstat']);
  });

  it('reads the older `tempest` list format', () => {
    const { artifacts } = stackvizArtifacts({ tempest: [{ name: 'x', raw: 'x-raw.json', details: 'x-details.json' }], dstat: 'dstat.csv' });
    expect(artifacts.map((a) => [a.artifact_type, a.path])).toEqual([
      ['subunit', 'x-raw.json'],
      ['subunit-details', 'x-details.json'],
      ['dstat', 'dstat.csv'],
    ]);
  });
});
