import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { InsightRun } from '../api-shapes';

/** A run as the database returns it: SQLite and MariaDB give booleans as numbers. */
type Row = Omit<InsightRun, 'same_change'> & { same_change: number | boolean };

/** Reads an insight's runs joined with their tasks: the list, and how many have ended. */
@Injectable()
export class InsightRuns {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(insightId: string): Promise<InsightRun[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT t.id AS task, t.url, t.change_id, t.revision, t.status, t.build_finished_at AS finished_at, r.same_change
         FROM insight_runs r JOIN tasks t ON t.id = r.task_id WHERE r.insight_id = ? ORDER BY r.seq`,
      [insightId],
    );
    return rows.map((r) => ({
      task: r.task,
      url: r.url,
      change_id: r.change_id === null ? null : Number(r.change_id),
      revision: r.revision === null ? null : Number(r.revision),
      status: r.status,
      finished_at: r.finished_at,
      same_change: Boolean(Number(r.same_change)),
    }));
  }

  /** Runs whose task has ended (finished or error), of all the insight's runs. */
  async progress(insightId: string): Promise<{ done: number; total: number }> {
    const [row]: { total: string | number; done: string | number | null }[] = await this.dataSource.query(
      `SELECT COUNT(*) AS total, SUM(CASE WHEN t.status IN ('finished', 'error') THEN 1 ELSE 0 END) AS done
         FROM insight_runs r JOIN tasks t ON t.id = r.task_id WHERE r.insight_id = ?`,
      [insightId],
    );
    return { done: Number(row.done ?? 0), total: Number(row.total) };
  }

  /** The running insights that read this task. */
  async runningInsightsReading(taskId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT r.insight_id AS id FROM insight_runs r JOIN insights i ON i.id = r.insight_id
        WHERE r.task_id = ? AND i.status = 'running'`,
      [taskId],
    );
    return rows.map((r) => r.id);
  }
}
