import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PerformanceReport } from '../../../web/src/data/types';
import {
  apiCalls,
  commandName,
  databaseQueries,
  formatBytes,
  largestProcesses,
  lowPointSeries,
  serviceMemory,
} from '../../../web/src/logic/resources';

const report = JSON.parse(readFileSync(join(__dirname, '../../fixtures/performance/performance.json'), 'utf8')) as PerformanceReport;
const MiB = 1024 * 1024;

describe('the Resources tables of performance.json', () => {
  it('memory per service, largest first, services without a number last, and the total', () => {
    const { services, total } = serviceMemory(report);
    expect(services.slice(0, 3).map((s) => [s.label, s.bytes])).toEqual([
      ['q-svc', 398 * MiB + 417792],
      ['n-api', 329 * MiB + 417792],
      ['keystone', 262 * MiB + 417792],
    ]);
    expect(services.at(-1)).toEqual({ service: 'devstack@n-novnc-cell1.service', label: 'n-novnc-cell1', bytes: null, note: '[not set]' });
    expect(services.find((s) => s.service === 'apache2.service')!.label).toBe('apache2');
    expect(total).toBe(report.services.reduce((sum, s) => sum + (typeof s.MemoryCurrent === 'number' ? s.MemoryCurrent : 0), 0));
  });

  it('the largest processes by RSS', () => {
    expect(largestProcesses(report, 3).map((p) => [p.label, p.pid])).toEqual([
      ['mysqld', 28513],
      ['beam.smp', 30127],
      ['privsep-helper', 61420],
    ]);
  });

  it('database queries by database and statement kind, busiest first', () => {
    const table = databaseQueries(report);
    expect(table.columns).toEqual(['SELECT', 'UPDATE', 'INSERT', 'DELETE']);
    expect(table.rows[0]).toEqual({
      key: 'neutron',
      total: 286015 + 24518 + 15402 + 9870,
      counts: { SELECT: 286015, INSERT: 24518, UPDATE: 15402, DELETE: 9870 },
    });
    expect(table.total).toBe(report.db.reduce((sum, d) => sum + (d.count ?? 0), 0));
    // the first report version: {db, queries}
    expect(databaseQueries({ ...report, db: [{ db: 'nova', queries: 12 }] })).toEqual({
      columns: ['all'],
      rows: [{ key: 'nova', total: 12, counts: { all: 12 } }],
      total: 12,
    });
  });

  it('API calls by service and client, rare clients summed as other', () => {
    const table = apiCalls(report);
    expect(table.columns).toEqual(['tempest', 'nova', 'keystoneauth1', 'openstacksdk', 'other']);
    expect(table.rows.find((r) => r.key === 'image')!.counts.other).toBe(118); // cinder
    const compute = table.rows.find((r) => r.key === 'compute')!;
    expect(compute.counts).toEqual({ tempest: 26871 + 3985 + 1544 + 211, openstacksdk: 38 + 9 });
    expect(table.largest.compute).toBe(163218);
    expect(table.rows.find((r) => r.key === 'identity')!.counts.other).toBe(12); // novaclient
    expect(table.rows[0].key).toBe('compute');
    // the first report version: `<METHOD>` alone
    expect(apiCalls({ ...report, api: [{ service: 'image', log: 'access.log', largest: 5, GET: 3, POST: 1 }] })).toMatchObject({
      columns: ['any'],
      rows: [{ key: 'image', total: 4 }],
    });
  });

  it.each([
    [512, '512 B'],
    [1536, '1.5 KiB'],
    [398 * MiB + 417792, '398.4 MiB'],
    [3 * 1024 * MiB, '3.0 GiB'],
  ])('formats %d bytes as %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('memory low points', () => {
  const point = (time: string, low: number, total: number | null) => ({
    time,
    low_point_kb: low,
    mem_total_kb: total,
    mem_available_kb: low,
    top_processes: [],
  });

  it('as a series of bytes available over epoch seconds, against the memory installed', () => {
    expect(
      lowPointSeries([point('2016-06-28T13:22:41.000000+00:00', 6000, 8000), point('2016-06-28T13:25:01.000000+00:00', 5000, null)]),
    ).toEqual({
      xs: [Date.UTC(2016, 5, 28, 13, 22, 41) / 1000, Date.UTC(2016, 5, 28, 13, 25, 1) / 1000],
      available: [6000 * 1024, 5000 * 1024],
      total: 8000 * 1024,
    });
    expect(lowPointSeries([point('2016-06-28T13:22:41.000000+00:00', 6000, null)]).total).toBeNull();
  });

  it.each([
    ['/usr/bin/python /usr/local/bin/nova-api --config-file /etc/nova/nova.conf', 'nova-api'],
    ['/opt/stack/data/venv/bin/python3.10 /opt/stack/data/venv/bin/neutron-server', 'neutron-server'],
    ['/usr/sbin/mysqld', 'mysqld'],
    ['(wsgi:keystone-pu -k start', '(wsgi:keystone-pu'],
  ])('names %s by its program: %s', (command, name) => expect(commandName(command)).toBe(name));
});
