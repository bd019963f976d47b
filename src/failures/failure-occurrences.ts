import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { inList, statementBatches, valueRows } from '../database/bound-values';
import { rowLock } from '../database/dialect';
import type { TaskEntity } from '../database/entities';
import { Transactions } from '../database/transactions';
import type { ArtifactSource } from './artifact-source';
import { TestNameIds } from './test-name-ids';
import { Example, Occurrence, OccurrenceBuild, occurrencesOfTask, TaskOccurrences } from './task-occurrences';

/** An example traceback is kept whole up to this many characters. */
const MAX_EXAMPLE_CHARS = 64 * 1024;

/** A failure_build_signatures row's columns; `finished_at` last, so MySQL's upsert reads its old value in every other column's. */
const GROUP_COLUMNS =
  'build_key, signature_id, failures, job, project, branch, pipeline, change_id, patchset, change_key, build_uuid, log_url, task_id, day, finished_at';
const GROUP_COLUMN_NAMES = GROUP_COLUMNS.split(', ');
/** How many values each row binds (one per column above). */
const GROUP_WIDTH = GROUP_COLUMN_NAMES.length;
/** What a finish sets on its build's unfinished rows: all but the key. */
const FINISHED_COLUMNS = GROUP_COLUMN_NAMES.slice(2);

/** A build's failures of one signature: one failure_build_signatures row. */
interface BuildSignature {
  build: OccurrenceBuild;
  signatureId: string;
  failures: number;
}

/** A failure_build_signatures row's key, as one string. */
const groupKey = (buildKey: string, signatureId: string) => `${buildKey}/${signatureId}`;

/** The occurrences' rows, one per build and signature, in key order (so two writers take their locks in one order). */
function buildSignatures(occurrences: readonly Occurrence[]): BuildSignature[] {
  const groups = new Map<string, BuildSignature>();
  for (const o of occurrences) {
    const key = groupKey(o.build.buildKey, o.signatureId);
    const group = groups.get(key);
    if (group) group.failures++;
    else groups.set(key, { build: o.build, signatureId: o.signatureId, failures: 1 });
  }
  return [...groups.keys()].sort().map((k) => groups.get(k)!);
}

/** A row's values; an unfinished one (no `finished_at`, no day, no failures yet) is counted nowhere. */
function groupValues({ build: b, signatureId, failures }: BuildSignature, finished: boolean): unknown[] {
  return [
    b.buildKey,
    signatureId,
    finished ? failures : 0,
    b.job,
    b.project,
    b.branch,
    b.pipeline,
    b.changeId,
    b.patchset,
    b.changeKey,
    b.buildUuid,
    b.logUrl,
    b.taskId,
    finished ? b.day : null,
    finished ? b.finishedAt : null,
  ];
}

/** failure_tests' key on MySQL, as its generated column computes it: SHA2(test, 256). */
function testKey(test: string): string {
  return createHash('sha256').update(test, 'utf8').digest('hex');
}

/** A statement run once per batch of rows: `sql` builds it for a batch of `n` rows. */
interface Batched {
  rows: readonly unknown[][];
  columns: number;
  sql: (n: number) => string;
}

/**
 * Writes failure knowledge: a finished task's occurrences, grouped per build and signature, and the
 * signatures they are of, in the caller's transaction (the task's finish, or the backfill's); what
 * needs no finish can be written ahead (`prepare`). A build's occurrences already recorded are left
 * as they are; a signature already known keeps its example and moves its first and last seen. Every
 * row is written from the values in hand, in as few multi-row statements as the database takes
 * (docs/formats.md, "Failure occurrences").
 */
@Injectable()
export class FailureOccurrences {
  /** The ids of names this process read before. */
  private readonly known = new TestNameIds();

  constructor(private readonly transactions: Transactions) {}

  private get mysql(): boolean {
    return this.transactions.dialect === 'mysql';
  }

  private get insertIgnore(): string {
    return this.mysql ? 'INSERT IGNORE INTO' : 'INSERT OR IGNORE INTO';
  }

  /** Runs a batched statement over its rows, in `m` (the caller's transaction): the rows its batches returned. */
  private async batched<R>(m: EntityManager, { rows, columns, sql }: Batched): Promise<{ records: R[] }> {
    const records: R[] = [];
    for (const batch of statementBatches(this.transactions.dialect, rows, columns)) {
      const result = await m.queryRunner!.query(sql(batch.length), batch.flat(), true);
      records.push(...((result.records ?? []) as R[]));
    }
    return { records };
  }

  /**
   * Records the failures of a finished task from its artifacts; returns how many occurrences it
   * found (recorded now or before). `prepared`: those written ahead of the finish (`prepare`).
   */
  async record(
    m: EntityManager,
    task: TaskEntity,
    sources: readonly ArtifactSource[],
    prepared?: (o: Occurrence) => boolean,
  ): Promise<number> {
    return this.recordFound(m, [await occurrencesOfTask(task, sources)], prepared);
  }

  /** Records what several tasks' artifacts hold (the backfill's page) in the statements one task takes; returns how many occurrences. */
  async recordFound(m: EntityManager, found: readonly TaskOccurrences[], prepared?: (o: Occurrence) => boolean): Promise<number> {
    const occurrences = found.flatMap((f) => f.occurrences);
    if (occurrences.length === 0) return 0;
    await this.prepare(m, prepared ? occurrences.filter((o) => !prepared(o)) : occurrences);
    await this.noteSignatures(m, found);
    await this.finish(m, occurrences);
    return occurrences.length;
  }

  /**
   * Writes what can be written before the finish, at any time and as often as wanted: the test
   * names, the builds' rows unfinished (counted nowhere) and their tests. A scrape does it for the
   * failures it has found while it still runs, so its finish has little left to write.
   */
  async prepare(m: EntityManager, occurrences: readonly Occurrence[]): Promise<void> {
    if (occurrences.length === 0) return;
    const idOf = await this.noteTests(m, occurrences);
    const groups = buildSignatures(occurrences);
    await this.batched(m, {
      rows: groups.map((g) => groupValues(g, false)),
      columns: GROUP_WIDTH,
      sql: (n) => `${this.insertIgnore} failure_build_signatures (${GROUP_COLUMNS}) VALUES ${valueRows(n, GROUP_WIDTH)}`,
    });
    const groupIds = await this.groupIds(m, groups);
    const tests = occurrences.flatMap((o) =>
      o.test === null ? [] : [[groupIds.get(groupKey(o.build.buildKey, o.signatureId)), idOf.get(o.test)]],
    );
    tests.sort((a, b) => Number(a[0]) - Number(b[0]) || Number(a[1]) - Number(b[1]));
    await this.batched(m, {
      rows: tests,
      columns: 2,
      sql: (n) => `${this.insertIgnore} failure_build_tests (build_signature_id, test_id) VALUES ${valueRows(n, 2)}`,
    });
  }

  /**
   * Finishes the occurrences' rows: each gets its failures and finish time, and from then on
   * counts. A row another task of the same build left unfinished becomes this one's; one that
   * finished before is left as it is, so a build read again never counts twice.
   */
  private async finish(m: EntityManager, occurrences: readonly Occurrence[]): Promise<void> {
    const groups = buildSignatures(occurrences);
    await this.batched(m, {
      rows: groups.map((g) => groupValues(g, true)),
      columns: GROUP_WIDTH,
      sql: (n) =>
        `INSERT INTO failure_build_signatures (${GROUP_COLUMNS}) VALUES ${valueRows(n, GROUP_WIDTH)} ${
          this.mysql
            ? `ON DUPLICATE KEY UPDATE ${FINISHED_COLUMNS.map((c) => `${c} = IF(finished_at IS NULL, VALUES(${c}), ${c})`).join(', ')}`
            : `ON CONFLICT (build_key, signature_id) DO UPDATE SET ${FINISHED_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}
              WHERE failure_build_signatures.finished_at IS NULL`
        }`,
    });
  }

  /** The ids of these builds' rows, by groupKey; a locking read on MySQL, as a row another writer committed meanwhile is past the snapshot. */
  private async groupIds(m: EntityManager, groups: readonly BuildSignature[]): Promise<Map<string, number>> {
    const builds = [...new Set(groups.map((g) => g.build.buildKey))];
    const { records } = await this.batched<{ id: number | string; build_key: string; signature_id: string }>(m, {
      rows: builds.map((b) => [b]),
      columns: 1,
      sql: (n) =>
        `SELECT id, build_key, signature_id FROM failure_build_signatures WHERE build_key IN (${inList(n)})${rowLock(this.transactions.dialect, 'LOCK IN SHARE MODE')}`,
    });
    return new Map(records.map((r) => [groupKey(r.build_key, r.signature_id), Number(r.id)]));
  }

  /**
   * Adds the signatures not known yet, each with the example of the first task that has it, and
   * widens every signature's first and last seen to these occurrences': one upsert (one a
   * concurrent finish added in between only has its times widened).
   */
  private async noteSignatures(m: EntityManager, found: readonly TaskOccurrences[]): Promise<void> {
    const seen = new Map<string, { signature: string; first: string; last: string; from: TaskOccurrences }>();
    for (const f of found)
      for (const o of f.occurrences) {
        const s = seen.get(o.signatureId);
        if (!s) seen.set(o.signatureId, { signature: o.signature, first: o.build.finishedAt, last: o.build.finishedAt, from: f });
        else if (o.build.finishedAt < s.first) s.first = o.build.finishedAt;
        else if (o.build.finishedAt > s.last) s.last = o.build.finishedAt;
      }
    const ids = [...seen.keys()].sort();
    const { records } = await this.batched<{ id: string }>(m, {
      rows: ids.map((id) => [id]),
      columns: 1,
      sql: (n) => `SELECT id FROM failure_signatures WHERE id IN (${inList(n)})`,
    });
    const known = new Set(records.map((r) => r.id));
    const examples = new Map<string, Example>();
    for (const f of found) {
      const wanted = new Set(ids.filter((id) => !known.has(id) && seen.get(id)!.from === f));
      if (wanted.size > 0) for (const [id, example] of await f.examples(wanted)) examples.set(id, example);
    }
    await this.batched(m, {
      rows: ids.map((id) => {
        const { signature, first, last, from } = seen.get(id)!;
        const example = examples.get(id);
        const traceback = example?.traceback.slice(0, MAX_EXAMPLE_CHARS) ?? null;
        return [id, signature, example ? from.occurrences[0].build.taskId : null, example?.test ?? null, traceback, first, last];
      }),
      columns: 7,
      sql: (n) =>
        `INSERT INTO failure_signatures (id, signature, example_task, example_test, example_traceback, first_seen, last_seen) VALUES ${valueRows(n, 7)} ${
          this.mysql
            ? 'ON DUPLICATE KEY UPDATE first_seen = LEAST(failure_signatures.first_seen, VALUES(first_seen)), last_seen = GREATEST(failure_signatures.last_seen, VALUES(last_seen))'
            : 'ON CONFLICT (id) DO UPDATE SET first_seen = MIN(first_seen, excluded.first_seen), last_seen = MAX(last_seen, excluded.last_seen)'
        }`,
    });
  }

  /**
   * The ids of the occurrences' test names in failure_tests, adding the names not there yet. Names
   * go in sorted, so two finishes at once take their locks in one order.
   */
  private async noteTests(m: EntityManager, occurrences: readonly Occurrence[]): Promise<Map<string, number>> {
    const tests = [...new Set(occurrences.flatMap((o) => (o.test === null ? [] : [o.test])))].sort();
    if (tests.length === 0) return new Map();
    await this.known.check(m, this.transactions.dialect);
    const idOf = new Map<string, number>();
    const unknown: string[] = [];
    for (const test of tests) {
      const id = this.known.get(test);
      if (id === undefined) unknown.push(test);
      else idOf.set(test, id);
    }
    if (unknown.length === 0) return idOf;
    // most names failed before: read them first, add only the others (a duplicate costs MySQL a row insert and its rollback)
    for (const [test, id] of await this.testIds(m, unknown)) {
      idOf.set(test, id);
      this.known.remember(test, id);
    }
    const added = unknown.filter((t) => !idOf.has(t));
    if (added.length > 0) {
      await this.batched(m, {
        rows: added.map((t) => [t]),
        columns: 1,
        sql: (n) => `${this.insertIgnore} failure_tests (test) VALUES ${valueRows(n, 1)}`,
      });
      // a name another writer committed meanwhile (so ours was ignored) is past this transaction's snapshot: the locking read sees it
      for (const [test, id] of await this.testIds(m, added)) idOf.set(test, id);
    }
    return idOf;
  }

  /**
   * The ids failure_tests holds for these names, as committed now (a locking read on MySQL; on
   * MySQL found by their key and told apart by it: the names need not come back).
   */
  private async testIds(m: EntityManager, tests: readonly string[]): Promise<Map<string, number>> {
    const keys = this.mysql ? new Map(tests.map((t) => [testKey(t), t])) : null;
    const { records } = await this.batched<{ id: number | string; name: string }>(m, {
      rows: keys ? [...keys.keys()].map((k) => [k]) : tests.map((t) => [t]),
      columns: 1,
      sql: (n) =>
        `SELECT id, ${keys ? 'test_key' : 'test'} AS name FROM failure_tests WHERE ${keys ? 'test_key' : 'test'} IN (${inList(n)})${rowLock(this.transactions.dialect, 'LOCK IN SHARE MODE')}`,
    });
    return new Map(records.map((r) => [keys ? keys.get(r.name)! : r.name, Number(r.id)]));
  }
}
