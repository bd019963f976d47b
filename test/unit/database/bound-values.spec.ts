import Database from 'better-sqlite3';
import { inList, statementBatches, valueRows } from '../../../src/database/bound-values';

describe('statement batches', () => {
  const rows = (n: number, columns: number, text = 'x') =>
    Array.from({ length: n }, (_, i) => [i, ...Array<string>(columns - 1).fill(text)]);

  it('puts as many rows in one statement as the dialect binds, leaving room for values bound besides them', () => {
    expect(statementBatches('sqlite', rows(3520, 14), 14).map((b) => b.length)).toEqual([2340, 1180]);
    expect(statementBatches('mysql', rows(3520, 14), 14).map((b) => b.length)).toEqual([3520]);
    expect(statementBatches('sqlite', rows(32_766, 1), 1, 2).map((b) => b.length)).toEqual([32_764, 2]);
  });

  it('keeps the text of one statement under about 4 MiB, and still sends a row larger than that alone', () => {
    const big = rows(10, 2, 'y'.repeat(1024 * 1024));
    expect(statementBatches('mysql', big, 2).map((b) => b.length)).toEqual([3, 3, 3, 1]);
    expect(statementBatches('mysql', rows(2, 2, 'z'.repeat(5 * 1024 * 1024)), 2).map((b) => b.length)).toEqual([1, 1]);
  });

  it('binds the largest batch in one SQLite statement, and keeps the rows in order', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (a integer, b text)');
    const all = rows(20_000, 2);
    const batches = statementBatches('sqlite', all, 2);
    for (const batch of batches) db.prepare(`INSERT INTO t VALUES ${valueRows(batch.length, 2)}`).run(...batch.flat());
    expect(batches[0]).toHaveLength(16_383);
    expect((db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n).toBe(20_000);
    expect(batches.flat()).toEqual(all);
    const ids = Array.from({ length: 32_766 }, (_, i) => i);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM t WHERE a IN (${inList(ids.length)})`).get(...ids)).toEqual({ n: 20_000 });
  });
});
