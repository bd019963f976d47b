import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { Dialect, dialectOf } from '../../src/database/dialect';
import { BuildBranch1768600000000 } from '../../src/database/migrations/1768600000000-build-branch';
import { WatchedBuildNoTestResults1768600000100 } from '../../src/database/migrations/1768600000100-watched-build-no-test-results';
import { FailureBuildSignatures1768700000000 } from '../../src/database/migrations/1768700000000-failure-build-signatures';
import { BACKEND } from './backend';
import { BootedApp, bootApp } from './harness';

/**
 * The physical type each entity column type stands for, per dialect. Entities use types both
 * TypeORM drivers accept; the migrations write the dialect's own type where it must differ.
 */
function physicalType(c: ColumnMetadata, dialect: Dialect): string {
  const type = String(c.type);
  switch (type) {
    case 'nchar':
      return `char(${c.length})`;
    case 'varchar':
      return `varchar(${c.length})`;
    case 'blob':
      // a 4 MiB chunk does not fit MySQL's BLOB (64 KiB)
      return dialect === 'mysql' ? 'longblob' : 'blob';
    case 'boolean':
      return dialect === 'mysql' ? 'tinyint' : 'boolean';
    case 'datetime':
      return dialect === 'mysql' && c.precision ? `datetime(${c.precision})` : 'datetime';
    default:
      return type;
  }
}

interface DbColumn {
  name: string;
  type: string;
  nullable: boolean;
}

async function databaseColumns(s: BootedApp, table: string): Promise<DbColumn[]> {
  if (dialectOf(s.dataSource) === 'mysql') {
    const rows: { name: string; type: string; nullable: string }[] = await s.dataSource.query(
      `SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
      [table],
    );
    // MariaDB shows integer display widths (int(11)); they mean nothing for storage.
    return rows.map((r) => ({ name: r.name, type: r.type.replace(/^(tinyint|int)\(\d+\)/, '$1'), nullable: r.nullable === 'YES' }));
  }
  const rows: { name: string; type: string; notnull: number; pk: number }[] = await s.dataSource.query(`PRAGMA table_info(${table})`);
  return rows.map((r) => ({ name: r.name, type: r.type.toLowerCase(), nullable: r.notnull === 0 && r.pk === 0 }));
}

describe(`the migrated schema matches the entities (${BACKEND})`, () => {
  let s: BootedApp;
  beforeAll(async () => {
    s = await bootApp();
  });
  afterAll(() => s.close());

  it('has every entity column, with its type and nullability, and no column the entities lack', async () => {
    const dialect = dialectOf(s.dataSource);
    for (const entity of s.dataSource.entityMetadatas) {
      const expected = entity.columns
        .map((c) => ({ name: c.databaseName, type: physicalType(c, dialect), nullable: c.isNullable }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const actual = (await databaseColumns(s, entity.tableName)).sort((a, b) => a.name.localeCompare(b.name));
      expect({ table: entity.tableName, columns: actual }).toEqual({ table: entity.tableName, columns: expected });
    }
  });

  it('the build branch migration drops its columns and adds them back', async () => {
    const tables = ['tasks', 'watched_builds', 'failure_occurrences'];
    const branchColumns = async () =>
      Promise.all(tables.map(async (t) => (await databaseColumns(s, t)).filter((c) => c.name === 'branch')));
    const runner = s.dataSource.createQueryRunner();
    // failure_occurrences is the migration after's, which brings it back
    const later = new FailureBuildSignatures1768700000000();
    try {
      const migration = new BuildBranch1768600000000();
      await later.down(runner);
      await migration.down(runner);
      expect(await branchColumns()).toEqual([[], [], []]);
      await migration.up(runner);
      expect(await branchColumns()).toEqual(tables.map(() => [{ name: 'branch', type: 'varchar(255)', nullable: true }]));
    } finally {
      await later.up(runner);
      await runner.release();
    }
    expect((await databaseColumns(s, 'failure_build_signatures')).filter((c) => c.name === 'branch')).toHaveLength(1);
  });

  it("the watched builds' no-test-results migration drops its column and adds it back as it was", async () => {
    const flag = async () => (await databaseColumns(s, 'watched_builds')).filter((c) => c.name === 'no_test_results');
    const before = await flag();
    expect(before).toHaveLength(1);
    const runner = s.dataSource.createQueryRunner();
    try {
      const migration = new WatchedBuildNoTestResults1768600000100();
      await migration.down(runner);
      expect(await flag()).toEqual([]);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await flag()).toEqual(before);
  });
});
