import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FailureBug } from '../api-shapes';
import { DAY_MS, databaseTimeAgo } from '../database/db-clock';
import { FailureRules } from './failure-rules';

/** Ids per `IN (…)` list (SQLite binds at most 999 values). */
const IN_CHUNK = 500;

/** How widespread one failure signature is lately, and the bug of the first bug rule matching it. */
export interface CauseStanding {
  /** Distinct changes it failed on within the window, the asking change left out. */
  otherChanges: number;
  bug: FailureBug | null;
}

/**
 * What a review line says beside each cause, from failure knowledge: one query for all of a
 * build's signature ids, one for their texts, and the bug rules as they are now.
 */
@Injectable()
export class CauseStandings {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: FailureRules,
  ) {}

  /** Each of `signatureIds`, over the last `days` days, leaving out change `exceptChange` (null: none left out). */
  async of(signatureIds: readonly string[], exceptChange: number | null, days: number): Promise<Map<string, CauseStanding>> {
    const ids = [...new Set(signatureIds)];
    const standings = new Map<string, CauseStanding>();
    if (ids.length === 0) return standings;
    const since = await databaseTimeAgo(this.dataSource, days * DAY_MS);
    const book = await this.rules.book();
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const chunk = ids.slice(i, i + IN_CHUNK);
      const marks = chunk.map(() => '?').join(', ');
      const [counts, texts] = await Promise.all([
        this.dataSource.query(
          `SELECT signature_id, COUNT(DISTINCT change_key) AS changes FROM failure_occurrences
            WHERE finished_at >= ? AND change_key <> ? AND signature_id IN (${marks}) GROUP BY signature_id`,
          [since, exceptChange === null ? '' : String(exceptChange), ...chunk],
        ) as Promise<{ signature_id: string; changes: number | string }[]>,
        this.dataSource.query(`SELECT id, signature FROM failure_signatures WHERE id IN (${marks})`, chunk) as Promise<
          { id: string; signature: string }[]
        >,
      ]);
      const changes = new Map(counts.map((r) => [r.signature_id, Number(r.changes)]));
      const signatures = new Map(texts.map((r) => [r.id, r.signature]));
      for (const id of chunk) {
        const signature = signatures.get(id);
        standings.set(id, { otherChanges: changes.get(id) ?? 0, bug: signature === undefined ? null : book.bugOf(signature) });
      }
    }
    return standings;
  }
}
