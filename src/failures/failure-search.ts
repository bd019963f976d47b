import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FailureGroup } from '../api-shapes';
import { DAY_MS, databaseTimeBefore } from '../database/db-clock';
import { dialectOf } from '../database/dialect';
import { FailureQueries, OccurrenceFilter } from './failure-queries';
import { SIGNATURE_ID } from '../failure-cause/failure-cause';
import { maskPastedLine } from '../failure-cause/signature';
import { SignatureIndex } from './signature-index';

/** A LIKE pattern finding `text` anywhere ('!' escapes: a backslash means different things to MySQL and SQLite). */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/**
 * POST /failures/search: `q` is a signature id; else a pasted traceback line, masked as stored
 * signatures are and matched exactly (a stored `<test>` matching any name), together with text
 * found case-insensitively within signatures and test names.
 */
@Injectable()
export class FailureSearch {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: FailureQueries,
    private readonly index: SignatureIndex,
  ) {}

  async search(
    q: string,
    filter: Omit<OccurrenceFilter, 'signatureIds'>,
    limit: number,
  ): Promise<{ total: number; results: FailureGroup[] }> {
    const text = q.trim();
    const now = await this.queries.now();
    const ids = SIGNATURE_ID.test(text) ? [text.toLowerCase()] : await this.idsFor(text, databaseTimeBefore(now, filter.days * DAY_MS));
    return this.queries.groups({ ...filter, signatureIds: ids }, limit, now);
  }

  private async idsFor(text: string, since: string): Promise<string[]> {
    const masked = maskPastedLine(text);
    const [pasted, within, tests] = await Promise.all([
      masked === '' ? [] : this.index.matchingPasted(masked),
      this.index.containing(text),
      this.testsContaining(text, since),
    ]);
    return [...new Set([...pasted, ...within, ...tests])];
  }

  /**
   * The signatures of the window's occurrences whose test name contains `text`, case-insensitively:
   * the distinct test names are matched, then their tests (by the index on their test id), then
   * the builds' rows of those within the window. CROSS JOIN (SQLite) and STRAIGHT_JOIN (MySQL) keep
   * the names read first: the planners would rather walk the window's rows and look each test up,
   * far slower for the few names a search matches (bench/README.md, failures.ts). MySQL's
   * collation already compares without case.
   */
  private async testsContaining(text: string, since: string): Promise<string[]> {
    const mysql = dialectOf(this.dataSource) === 'mysql';
    const join = mysql ? 'STRAIGHT_JOIN' : 'CROSS JOIN';
    const rows: { signature_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT g.signature_id FROM failure_tests t ${join} failure_build_tests bt ON bt.test_id = t.id
        ${join} failure_build_signatures g ON g.id = bt.build_signature_id
        WHERE ${mysql ? 't.test' : 'LOWER(t.test)'} LIKE ? ESCAPE '!' AND g.finished_at >= ?`,
      [likePattern(text), since],
    );
    return rows.map((r) => r.signature_id);
  }
}
