import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { InsightRun } from '../api-shapes';
import { InsightRunEntity, type TaskEntity } from '../database/entities';
import { TaskReader } from '../tasks/task-reader';

function insightRun(task: TaskEntity, sameChange: boolean): InsightRun {
  return {
    task: task.id,
    url: task.url,
    change_id: task.changeId,
    revision: task.revision,
    pipeline: task.pipeline,
    status: task.status,
    error: task.status === 'error' ? task.message : null,
    finished_at: task.buildFinishedAt,
    same_change: sameChange,
  };
}

/** Reads an insight's runs with their tasks: the list, and how many have ended. */
@Injectable()
export class InsightRuns {
  constructor(
    @InjectRepository(InsightRunEntity) private readonly runs: Repository<InsightRunEntity>,
    private readonly tasks: TaskReader,
  ) {}

  async list(insightId: string): Promise<InsightRun[]> {
    const runs = await this.runs.find({ where: { insightId }, order: { seq: 'ASC' } });
    const tasks = new Map((await this.tasks.findMany(runs.map((r) => r.taskId))).map((t) => [t.id, t]));
    return runs.flatMap((r) => {
      const task = tasks.get(r.taskId);
      return task ? [insightRun(task, r.sameChange)] : [];
    });
  }

  /** Runs whose task has ended (finished or error), of all the insight's runs. */
  progress(insightId: string): Promise<{ done: number; total: number }> {
    return this.tasks.countEnded(this.runs.createQueryBuilder('r').select('r.task_id').where('r.insight_id = :insightId', { insightId }));
  }

  /** The running insights that read this task. */
  async runningInsightsReading(taskId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.runs.query(
      `SELECT DISTINCT r.insight_id AS id FROM insight_runs r JOIN insights i ON i.id = r.insight_id
        WHERE r.task_id = ? AND i.status = 'running'`,
      [taskId],
    );
    return rows.map((r) => r.id);
  }
}
