import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { TaskEntity } from '../database/entities';
import { Transactions } from '../database/transactions';
import type { ArtifactSource } from './artifact-source';
import { Occurrence, occurrencesOfTask } from './task-occurrences';

/** Rows per multi-row insert (SQLite allows 999 bound values: 15 columns × 60). */
const INSERT_ROWS = 60;
/** An example traceback is kept whole up to this many characters. */
const MAX_EXAMPLE_CHARS = 64 * 1024;

const OCCURRENCE_COLUMNS =
  'occurrence_key, signature_id, test, job, project, pipeline, change_id, patchset, change_key, build_uuid, log_url, task_id, finished_at, day';

function occurrenceValues(o: Occurrence): unknown[] {
  return [
    o.key,
    o.signatureId,
    o.test,
    o.job.slice(0, 255),
    o.project?.slice(0, 255) ?? null,
    o.pipeline?.slice(0, 255) ?? null,
    o.changeId,
    o.patchset,
    o.changeKey,
    o.buildUuid,
    o.logUrl,
    o.taskId,
    o.finishedAt,
    o.day,
  ];
}

function placeholders(rows: number, columns: number): string {
  const row = `(${new Array<string>(columns).fill('?').join(', ')})`;
  return new Array<string>(rows).fill(row).join(', ');
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Writes failure knowledge: a finished task's occurrences and the signatures they are of, in the
 * caller's transaction (the task's finish, or the backfill's). An occurrence already recorded (the
 * same build's log URL, test and signature) is left as it is; a signature already known keeps its
 * example and moves its first and last seen.
 */
@Injectable()
export class FailureOccurrences {
  constructor(private readonly transactions: Transactions) {}

  private get insertIgnore(): string {
    return this.transactions.dialect === 'mysql' ? 'INSERT IGNORE INTO' : 'INSERT OR IGNORE INTO';
  }

  /** Records the failures of a finished task from its artifacts; returns how many occurrences it found (recorded now or before). */
  async record(m: EntityManager, task: TaskEntity, sources: readonly ArtifactSource[]): Promise<number> {
    const { occurrences, examples } = await occurrencesOfTask(task, sources);
    if (occurrences.length === 0) return 0;
    const signatures = new Map(occurrences.map((o) => [o.signatureId, o.signature]));
    const ids = [...signatures.keys()].sort();
    const known = new Set<string>();
    for (const chunk of chunksOf(ids, 500)) {
      const rows: { id: string }[] = await m.query(
        `SELECT id FROM failure_signatures WHERE id IN (${placeholders(1, chunk.length).slice(1, -1)})`,
        chunk,
      );
      for (const r of rows) known.add(r.id);
    }
    const fresh = new Set(ids.filter((id) => !known.has(id)));
    const { finishedAt } = occurrences[0];
    if (fresh.size > 0) {
      const found = await examples(fresh);
      for (const chunk of chunksOf([...fresh], INSERT_ROWS)) {
        const values = chunk.flatMap((id) => {
          const example = found.get(id);
          return [
            id,
            signatures.get(id),
            task.id,
            example?.test ?? null,
            example?.traceback.slice(0, MAX_EXAMPLE_CHARS) ?? null,
            finishedAt,
            finishedAt,
          ];
        });
        await m.query(
          `${this.insertIgnore} failure_signatures (id, signature, example_task, example_test, example_traceback, first_seen, last_seen) VALUES ${placeholders(chunk.length, 7)}`,
          values,
        );
      }
    }
    const seen = ids.filter((id) => known.has(id));
    for (const chunk of chunksOf(seen, 500)) {
      const list = placeholders(1, chunk.length).slice(1, -1);
      await m.query(`UPDATE failure_signatures SET last_seen = ? WHERE last_seen < ? AND id IN (${list})`, [
        finishedAt,
        finishedAt,
        ...chunk,
      ]);
      await m.query(`UPDATE failure_signatures SET first_seen = ? WHERE first_seen > ? AND id IN (${list})`, [
        finishedAt,
        finishedAt,
        ...chunk,
      ]);
    }
    for (const chunk of chunksOf(occurrences, INSERT_ROWS)) {
      await m.query(
        `${this.insertIgnore} failure_occurrences (${OCCURRENCE_COLUMNS}) VALUES ${placeholders(chunk.length, 14)}`,
        chunk.flatMap(occurrenceValues),
      );
    }
    for (const chunk of chunksOf(occurrences, 500))
      await this.notePairs(
        m,
        chunk.map((o) => o.key),
      );
    return occurrences.length;
  }

  /** Keeps failure_tests and failure_signature_tests up to date with these occurrences as stored (one recorded before keeps its finish). */
  private async notePairs(m: EntityManager, keys: readonly string[]): Promise<void> {
    const mysql = this.transactions.dialect === 'mysql';
    const these = `o.occurrence_key IN (${placeholders(1, keys.length).slice(1, -1)})`;
    await m.query(
      `${this.insertIgnore} failure_tests (test) SELECT o.test FROM failure_occurrences o WHERE ${these} AND o.test IS NOT NULL`,
      [...keys],
    );
    const pairs = `SELECT t.id, o.signature_id, MAX(o.finished_at) FROM failure_occurrences o
      JOIN failure_tests t ON ${mysql ? 't.test_key = SHA2(o.test, 256)' : 't.test = o.test'} WHERE ${these} GROUP BY t.id, o.signature_id`;
    await m.query(
      mysql
        ? `INSERT INTO failure_signature_tests (test_id, signature_id, last_seen) ${pairs}
            ON DUPLICATE KEY UPDATE last_seen = GREATEST(failure_signature_tests.last_seen, VALUES(last_seen))`
        : `INSERT INTO failure_signature_tests (test_id, signature_id, last_seen) ${pairs}
            ON CONFLICT (test_id, signature_id) DO UPDATE SET last_seen = MAX(last_seen, excluded.last_seen)`,
      [...keys],
    );
  }
}
