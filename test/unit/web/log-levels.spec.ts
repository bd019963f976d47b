import { filterByLevel, parseLogRecords } from '../../../web/src/logic/log-levels';
import { fixture } from './fixtures';

describe('pythonlogging level filter', () => {
  const records = parseLogRecords(fixture('devstack-pythonlogging.txt'));

  it('splits a tempest log into records, keeping multi-line bodies with their record', () => {
    expect(records).toHaveLength(121);
    expect(records.filter((r) => r.level === 'DEBUG')).toHaveLength(58);
    expect(records.filter((r) => r.level === 'INFO')).toHaveLength(61);
    expect(records.filter((r) => r.level === 'WARNING')).toHaveLength(2);
    const debug = records.find((r) => r.level === 'DEBUG')!;
    expect(debug.text).toContain('\n        Body:');
  });

  it('keeps records at or above the chosen level', () => {
    expect(filterByLevel(records, 'DEBUG')).toHaveLength(121);
    expect(filterByLevel(records, 'INFO')).toHaveLength(63);
    expect(filterByLevel(records, 'WARNING').map((r) => r.level)).toEqual(['WARNING', 'WARNING']);
    expect(filterByLevel(records, 'ERROR')).toHaveLength(0);
  });

  it('treats CRITICAL as ERROR and keeps lines without a level', () => {
    const r = parseLogRecords('preamble\n2020-01-01 00:00:00,000 1 CRITICAL [x] boom\n  detail\n');
    expect(r).toEqual([
      { level: null, text: 'preamble' },
      { level: 'ERROR', text: '2020-01-01 00:00:00,000 1 CRITICAL [x] boom\n  detail' },
    ]);
    expect(filterByLevel(r, 'ERROR')).toHaveLength(2);
  });
});
