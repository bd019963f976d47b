import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  FAILURE_WINDOWS,
  type FailureCounts,
  type FailureDay,
  type FailureDetail,
  type FailureGroup,
  type FailureOccurrence,
  type NameCount,
  type PurgedRun,
} from '../api-shapes';
import { inList } from '../database/bound-values';
import { DAY_MS, databaseNow, databaseTimeBefore } from '../database/db-clock';
import { dialectOf } from '../database/dialect';
import { isoTime } from './database-time';
import { FailureRules } from './failure-rules';
import { OccurrenceChanges } from './occurrence-changes';
import { WindowMemo } from './window-memo';

/**
 * How long a remembered ranking is served without asking whether its window changed: the longest
 * another process's recording (or an occurrence leaving the window) goes unseen (docs/api.md).
 */
const WINDOW_RECHECK_MS = 5_000;
/** Names listed per signature in a result row (tests, jobs); the detail lists more. */
const ROW_NAMES = 10;
const DETAIL_NAMES = 50;
const LATEST = 100;
/** Ids per `IN (…)` list (SQLite binds at most 999 values). */
const IN_CHUNK = 500;

/**
 * Which occurrences: within the window, optionally of one pipeline, job or project, or of some
 * signatures, optionally leaving one change out.
 */
export interface OccurrenceFilter {
  days: number;
  pipeline?: string | null;
  job?: string | null;
  project?: string | null;
  signatureIds?: readonly string[];
  exceptChangeKey?: string;
}

/** A filter whose window start is read from the database clock (once per request: databaseNow). */
type Window = OccurrenceFilter & { since: string };

const windowOf = (filter: OccurrenceFilter, now: number): Window => ({ ...filter, since: databaseTimeBefore(now, filter.days * DAY_MS) });

/** A whole window's ranking and the names of its page's rows, before signatures and bugs are joined. */
interface RankedPage {
  total: number;
  counts: GroupCount[];
  tests: Map<string, NameCount[]>;
  jobs: Map<string, NameCount[]>;
}

interface GroupCount {
  signature_id: string;
  occurrences: number | string;
  changes: number | string;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function topNames(rows: { name: string | null; n: number | string }[], limit: number): NameCount[] {
  return rows
    .filter((r): r is { name: string; n: number | string } => r.name !== null)
    .map((r) => ({ name: r.name, n: Number(r.n) }))
    .sort((a, b) => b.n - a.n || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** The read side of failure knowledge: windows of occurrences grouped by signature. */
@Injectable()
export class FailureQueries {
  private readonly rankedPages = new WindowMemo<RankedPage>(WINDOW_RECHECK_MS);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: FailureRules,
    private readonly changes: OccurrenceChanges,
  ) {}

  /**
   * A whole window is read from (finished_at, signature_id, change_key, failures): left alone, SQLite's planner
   * walks every signature's occurrences in signature order instead, 4-10× slower (bench/README.md,
   * failures.ts). MySQL is given the same index.
   */
  private get windowIndex(): string {
    return dialectOf(this.dataSource) === 'mysql'
      ? 'FORCE INDEX (ix_failure_build_signatures_window)'
      : 'INDEXED BY ix_failure_build_signatures_window';
  }

  /** The database's clock now (one reading per request). */
  now(): Promise<number> {
    return databaseNow(this.dataSource);
  }

  private where(filter: Window, ids?: readonly string[]): { sql: string; params: unknown[] } {
    const parts = ['finished_at >= ?'];
    const params: unknown[] = [filter.since];
    for (const [column, value] of [
      ['pipeline', filter.pipeline],
      ['job', filter.job],
      ['project', filter.project],
    ] as const) {
      if (value) {
        parts.push(`${column} = ?`);
        params.push(value);
      }
    }
    if (filter.exceptChangeKey !== undefined) {
      parts.push('change_key <> ?');
      params.push(filter.exceptChangeKey);
    }
    if (ids) {
      parts.push(`signature_id IN (${inList(ids.length)})`);
      params.push(...ids);
    }
    return { sql: parts.join(' AND '), params };
  }

  /** Each signature's occurrences and distinct changes in the window, the most widespread first; at most `limit` when given. */
  private async groupCounts(filter: Window, limit?: number): Promise<GroupCount[]> {
    const run = async (ids?: readonly string[]) => {
      const { sql, params } = this.where(filter, ids);
      return (await this.dataSource.query(
        `SELECT signature_id, SUM(failures) AS occurrences, COUNT(DISTINCT change_key) AS changes FROM failure_build_signatures ${ids ? '' : this.windowIndex} WHERE ${sql}
          GROUP BY signature_id ORDER BY changes DESC, occurrences DESC, signature_id${limit ? ` LIMIT ${limit}` : ''}`,
        params,
      )) as GroupCount[];
    };
    if (!filter.signatureIds) return run();
    if (filter.signatureIds.length === 0) return [];
    const rows = (await Promise.all(chunks(filter.signatureIds, IN_CHUNK).map(run))).flat();
    rows.sort(
      (a, b) =>
        Number(b.changes) - Number(a.changes) ||
        Number(b.occurrences) - Number(a.occurrences) ||
        (a.signature_id < b.signature_id ? -1 : 1),
    );
    return limit ? rows.slice(0, limit) : rows;
  }

  /**
   * Per signature, how often each value of `column` occurs in the window. Tests are counted by
   * their id (from their builds' rows), then named.
   */
  private async namesBy(column: 'test' | 'job' | 'project', filter: Window, ids: readonly string[], limit: number) {
    const { sql, params } = this.where(filter, ids);
    const rows: { signature_id: string; name: string | null; n: number | string }[] = await this.dataSource.query(
      column === 'test'
        ? `SELECT g.signature_id, t.test AS name, g.n FROM (SELECT signature_id, test_id, COUNT(*) AS n FROM failure_build_signatures
            JOIN failure_build_tests ON build_signature_id = id WHERE ${sql} GROUP BY signature_id, test_id) g LEFT JOIN failure_tests t ON t.id = g.test_id`
        : `SELECT signature_id, ${column} AS name, SUM(failures) AS n FROM failure_build_signatures WHERE ${sql} GROUP BY signature_id, ${column}`,
      params,
    );
    const by = new Map<string, typeof rows>();
    for (const r of rows) by.set(r.signature_id, [...(by.get(r.signature_id) ?? []), r]);
    return new Map([...by].map(([id, rs]) => [id, topNames(rs, limit)]));
  }

  /** The signatures of these ids that are kept, by id. */
  async signatureRows(ids: readonly string[]) {
    const rows: { id: string; signature: string; first_seen: Date | string; last_seen: Date | string }[] = (
      await Promise.all(
        chunks(ids, IN_CHUNK).map((chunk) =>
          this.dataSource.query(
            `SELECT id, signature, first_seen, last_seen FROM failure_signatures WHERE id IN (${inList(chunk.length)})`,
            chunk,
          ),
        ),
      )
    ).flat();
    return new Map(rows.map((r) => [r.id, r]));
  }

  /**
   * What tells whether a window's occurrences changed since, from one walk of the window's index:
   * how many rows it holds, its oldest and its newest id (one finished, purged, leaving the window,
   * or finished late under an older id). Rows written ahead of a finish are in no window, so a
   * running scrape's writes leave the remembered rankings alone.
   */
  private async windowState(since: string): Promise<string> {
    const [row]: { last_id: number | string | null; n: number | string; oldest: Date | string | null }[] = await this.dataSource.query(
      `SELECT MAX(id) AS last_id, COUNT(*) AS n, MIN(finished_at) AS oldest FROM failure_build_signatures ${this.windowIndex} WHERE finished_at >= ?`,
      [since],
    );
    return `${row.last_id}/${row.n}/${row.oldest === null ? '' : isoTime(row.oldest)}`;
  }

  private async rankedPage(filter: Window, limit: number): Promise<RankedPage> {
    const all = await this.groupCounts(filter, filter.signatureIds ? undefined : limit);
    const counts = all.slice(0, limit);
    const ids = counts.map((c) => c.signature_id);
    if (ids.length === 0) return { total: all.length, counts, tests: new Map(), jobs: new Map() };
    const [tests, jobs] = await Promise.all([this.namesBy('test', filter, ids, ROW_NAMES), this.namesBy('job', filter, ids, ROW_NAMES)]);
    return { total: all.length, counts, tests, jobs };
  }

  /**
   * The result rows of the window's signatures (all, or those given), the most widespread first:
   * `total` before `limit` cut them. A whole window's page is remembered while its occurrences are
   * unchanged, so the top list is counted once per change, not once per reader: this process's own
   * changes are known at once (OccurrenceChanges), others' by reading the window's state again
   * after WINDOW_RECHECK_MS.
   */
  async groups(filter: OccurrenceFilter, limit: number, now?: number): Promise<{ total: number; results: FailureGroup[] }> {
    let page: RankedPage;
    if (filter.signatureIds) page = await this.rankedPage(windowOf(filter, now ?? (await this.now())), limit);
    else {
      const key = JSON.stringify([filter.days, filter.pipeline ?? null, filter.job ?? null, filter.project ?? null, limit]);
      // read at most once per request: by the state check, the count on a miss, or both
      let read: Promise<Window> | undefined;
      const window = () => (read ??= (now === undefined ? this.now() : Promise.resolve(now)).then((clock) => windowOf(filter, clock)));
      page = await this.rankedPages.get(
        key,
        this.changes.generation,
        async () => this.windowState((await window()).since),
        async () => this.rankedPage(await window(), limit),
      );
    }
    const { total, counts, tests, jobs } = page;
    const ids = counts.map((c) => c.signature_id);
    if (ids.length === 0) return { total, results: [] };
    const [signatures, book] = await Promise.all([this.signatureRows(ids), this.rules.book()]);
    const results = counts
      .filter((c) => signatures.has(c.signature_id))
      .map((c) => {
        const s = signatures.get(c.signature_id)!;
        return {
          signature_id: c.signature_id,
          signature: s.signature,
          occurrences: Number(c.occurrences),
          changes: Number(c.changes),
          first_seen: isoTime(s.first_seen),
          last_seen: isoTime(s.last_seen),
          tests: tests.get(c.signature_id) ?? [],
          jobs: jobs.get(c.signature_id) ?? [],
          bug: book.bugOf(s.signature),
        };
      });
    return { total, results };
  }

  /**
   * How many times these signatures occurred in the window, and on how many changes (leaving out
   * the change keyed `exceptChangeKey` when given); ids without any are left out.
   */
  async counts(ids: readonly string[], days: number, exceptChangeKey?: string): Promise<Record<string, FailureCounts>> {
    const rows = await this.groupCounts(windowOf({ days, signatureIds: [...new Set(ids)], exceptChangeKey }, await this.now()));
    return Object.fromEntries(rows.map((r) => [r.signature_id, { occurrences: Number(r.occurrences), changes: Number(r.changes) }]));
  }

  /** The run of a purged task whose occurrences are kept (its newest), else null. */
  async purgedRun(taskId: string): Promise<PurgedRun | null> {
    const [row]: OccurrenceRow[] = await this.dataSource.query(
      `SELECT task_id, task_purged, NULL AS test, job, project, change_id, patchset, pipeline, build_uuid, log_url, finished_at, branch
        FROM failure_build_signatures WHERE task_id = ? AND task_purged = 1 AND finished_at IS NOT NULL LIMIT 1`,
      [taskId],
    );
    if (!row) return null;
    const { test: _test, ...run } = occurrenceOf(row);
    return { ...run, task: taskId };
  }

  /** One signature over `days`, with its counts over each window within `historyDays`; null when no occurrence is kept. */
  async detail(id: string, days: number, historyDays: number): Promise<FailureDetail | null> {
    const [signature] = (await this.dataSource.query(
      'SELECT signature, example_task, example_test, example_traceback FROM failure_signatures WHERE id = ?',
      [id],
    )) as { signature: string; example_task: string | null; example_test: string | null; example_traceback: string | null }[];
    if (!signature) return null;
    const kept: unknown[] = await this.dataSource.query(
      'SELECT id FROM failure_build_signatures WHERE signature_id = ? AND finished_at IS NOT NULL LIMIT 1',
      [id],
    );
    if (kept.length === 0) return null;
    const now = await this.now();
    const windows = FAILURE_WINDOWS.filter((w) => w <= historyDays);
    const counts: FailureDetail['counts'] = {};
    const perWindow = await Promise.all(windows.map((w) => this.groupCounts(windowOf({ days: w, signatureIds: [id] }, now))));
    windows.forEach((w, i) => {
      const [c] = perWindow[i];
      counts[String(w) as '1'] = { occurrences: Number(c?.occurrences ?? 0), changes: Number(c?.changes ?? 0) };
    });
    const filter = windowOf({ days, signatureIds: [id] }, now);
    const { sql, params } = this.where(filter, [id]);
    const [days_, latest, tests, jobs, projects, rules] = await Promise.all([
      this.dataSource.query(
        `SELECT day, SUM(failures) AS occurrences, COUNT(DISTINCT change_key) AS changes FROM failure_build_signatures WHERE ${sql} GROUP BY day`,
        params,
      ) as Promise<{ day: string; occurrences: number | string; changes: number | string }[]>,
      this.dataSource.query(
        `SELECT o.task_id, o.task_purged, t.test, o.job, o.project, o.change_id, o.patchset, o.pipeline, o.build_uuid, o.log_url, o.finished_at, o.branch
          FROM (SELECT * FROM failure_build_signatures WHERE ${sql} ORDER BY finished_at DESC, id DESC LIMIT ${LATEST}) o
          LEFT JOIN failure_build_tests bt ON bt.build_signature_id = o.id LEFT JOIN failure_tests t ON t.id = bt.test_id
          ORDER BY o.finished_at DESC, o.id DESC, t.test LIMIT ${LATEST}`,
        params,
      ) as Promise<OccurrenceRow[]>,
      this.namesBy('test', filter, [id], DETAIL_NAMES),
      this.namesBy('job', filter, [id], DETAIL_NAMES),
      this.namesBy('project', filter, [id], DETAIL_NAMES),
      this.rules.book(),
    ]);
    return {
      signature_id: id,
      signature: signature.signature,
      bug: rules.bugOf(signature.signature),
      counts,
      by_day: everyDay(now, days, days_),
      tests: tests.get(id) ?? [],
      jobs: jobs.get(id) ?? [],
      projects: projects.get(id) ?? [],
      example:
        signature.example_traceback === null
          ? null
          : { task: signature.example_task, test: signature.example_test, traceback: signature.example_traceback },
      latest: latest.map(occurrenceOf),
    };
  }
}

interface OccurrenceRow {
  task_id: string;
  task_purged: boolean | number;
  test: string | null;
  job: string;
  project: string | null;
  change_id: number | null;
  patchset: number | null;
  pipeline: string | null;
  build_uuid: string | null;
  log_url: string;
  finished_at: Date | string;
  branch: string | null;
}

function occurrenceOf(r: OccurrenceRow): FailureOccurrence {
  return {
    task: r.task_purged ? null : r.task_id,
    test: r.test,
    job: r.job,
    project: r.project,
    change: r.change_id === null ? null : Number(r.change_id),
    patchset: r.patchset === null ? null : Number(r.patchset),
    pipeline: r.pipeline,
    build: r.build_uuid,
    log_url: r.log_url,
    finished_at: isoTime(r.finished_at),
    branch: r.branch,
  };
}

/** A row for every day of the window, oldest first, days without an occurrence at zero. */
function everyDay(
  today: number,
  days: number,
  rows: { day: string; occurrences: number | string; changes: number | string }[],
): FailureDay[] {
  const by = new Map(rows.map((r) => [r.day, r]));
  const out: FailureDay[] = [];
  for (let d = days; d >= 0; d--) {
    const date = new Date(today - d * DAY_MS).toISOString().slice(0, 10);
    const r = by.get(date);
    out.push({ date, occurrences: Number(r?.occurrences ?? 0), changes: Number(r?.changes ?? 0) });
  }
  return out;
}
