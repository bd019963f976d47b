import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FailureBug, FailureRule, FailureRuleRequest } from '../api-shapes';
import { dialectOf } from '../database/dialect';
import { Transactions } from '../database/transactions';
import { isoTime } from './database-time';
import { SignatureTest, signatureTest } from './rule-pattern';
import { databaseTime } from '../database/db-clock';

interface RuleRow {
  id: number | string;
  pattern: string;
  bug_url: string;
  title: string;
  created_at: Date | string;
}

function ruleOf(row: RuleRow): FailureRule {
  return { id: Number(row.id), pattern: row.pattern, bug: { url: row.bug_url, title: row.title }, created_at: isoTime(row.created_at) };
}

/** The rules, newest first, each with its test: the first that matches a signature gives its bug. */
export interface RuleBook {
  bugOf(signature: string): FailureBug | null;
}

/** Bug rules (failure_rules): elastic-recheck's queries, linking the signatures they match to a bug. */
@Injectable()
export class FailureRules {
  /** Compiled tests by rule id and pattern: a rule never changes, so each compiles once per process. */
  private readonly compiled = new Map<string, SignatureTest>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
  ) {}

  /** Every rule, newest first. */
  async list(): Promise<FailureRule[]> {
    const rows: RuleRow[] = await this.dataSource.query(
      'SELECT id, pattern, bug_url, title, created_at FROM failure_rules ORDER BY id DESC',
    );
    return rows.map(ruleOf);
  }

  /** 400 with one sentence when the pattern is neither text nor a regex RE2 accepts, or too long. */
  async create(body: FailureRuleRequest): Promise<FailureRule> {
    try {
      signatureTest(body.pattern);
    } catch (err) {
      throw new BadRequestException((err as Error).message);
    }
    const createdAt = databaseTime(new Date());
    return this.transactions.run(async (m) => {
      await m.query('INSERT INTO failure_rules (pattern, is_regex, bug_url, title, created_at) VALUES (?, ?, ?, ?, ?)', [
        body.pattern,
        body.pattern.startsWith('/') && body.pattern.endsWith('/') && body.pattern.length >= 2 ? 1 : 0,
        body.bug_url.trim(),
        body.title.trim(),
        createdAt,
      ]);
      const lastId = dialectOf(this.dataSource) === 'mysql' ? 'LAST_INSERT_ID()' : 'last_insert_rowid()';
      const [row]: RuleRow[] = await m.query(`SELECT id, pattern, bug_url, title, created_at FROM failure_rules WHERE id = ${lastId}`);
      return ruleOf(row);
    });
  }

  /** 404 when there is no such rule. */
  async delete(id: number): Promise<void> {
    const rows: unknown[] = await this.dataSource.query('SELECT id FROM failure_rules WHERE id = ?', [id]);
    if (rows.length === 0) throw new NotFoundException(`no failure rule ${id}`);
    await this.dataSource.query('DELETE FROM failure_rules WHERE id = ?', [id]);
  }

  /** The rules as they are now, ready to match signatures. */
  async book(): Promise<RuleBook> {
    const rules = await this.list();
    const tests = rules.map((r) => {
      const key = `${r.id}\n${r.pattern}`;
      let test = this.compiled.get(key);
      if (!test) {
        test = signatureTest(r.pattern);
        this.compiled.set(key, test);
      }
      return { bug: r.bug, test };
    });
    return { bugOf: (signature) => tests.find((t) => t.test(signature))?.bug ?? null };
  }
}
