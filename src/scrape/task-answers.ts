import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { ArtifactRef, TaskBody, TaskNotReady, TaskStatusBody } from '../api-shapes';
import { ArtifactStore } from '../artifacts/artifact-store';
import { PurgeHooks } from '../artifacts/purge-hooks';
import type { TaskEntity } from '../database/entities';
import { jsonList, taskToRunFields } from '../tasks/task-entry';
import { isFinal } from '../tasks/task-transitions';
import { TaskReader } from '../tasks/task-reader';

/**
 * How long a final answer is reused. A finished or errored task never changes until the purge
 * removes it after RETENTION_DAYS: the purge drops its answers at once in its own process
 * (PurgeHooks), and other processes' answers live at most this long past it.
 */
const FINAL_ANSWER_TTL_MS = 10 * 60_000;
const FINAL_ANSWERS = 20_000;

interface FinalAnswers {
  status: TaskStatusBody;
  task: TaskBody;
}

/** An ended task's answers as the JSON bytes sent, by route. */
export interface EndedAnswerBytes {
  '/status': Buffer;
  '/task': Buffer;
}

/**
 * The bodies of POST /status and POST /task. Those of a task that has ended are kept by uuid in a
 * bounded LRU, serialized: pollers and viewers read them far more often than tasks end, and
 * `EndedTaskRoutes` answers those reads with the bytes before Nest's pipeline runs.
 */
@Injectable()
export class TaskAnswers {
  private readonly final = new LRUCache<string, EndedAnswerBytes>({ max: FINAL_ANSWERS, ttl: FINAL_ANSWER_TTL_MS });

  /** The remembered answers of an ended task (uuid in lower case), if any. */
  ended(uuid: string): EndedAnswerBytes | undefined {
    return this.final.get(uuid);
  }

  constructor(
    private readonly tasks: TaskReader,
    private readonly store: ArtifactStore,
    purgeHooks: PurgeHooks,
  ) {
    purgeHooks.add(({ taskIds }) => taskIds.forEach((id) => this.final.delete(id)));
  }

  async status(uuid: string): Promise<TaskStatusBody> {
    const t = await this.tasks.get(uuid);
    return isFinal(t.status) ? (await this.remember(t)).status : statusBody(t);
  }

  /** The task's body once it has ended; `ready: false` with the 202 body while it is queued or running. */
  async task(uuid: string): Promise<{ ready: true; body: TaskBody } | { ready: false; body: TaskNotReady }> {
    const t = await this.tasks.get(uuid);
    if (t.status === 'queued' || t.status === 'running')
      return { ready: false, body: { uuid: t.id, status: t.status, message: 'not ready yet' } };
    return { ready: true, body: (await this.remember(t)).task };
  }

  private async remember(t: TaskEntity): Promise<FinalAnswers> {
    const artifacts: ArtifactRef[] = (await this.store.listForTask(t.id)).map((a) => ({
      id: a.id,
      artifact_name: a.artifactName,
      artifact_type: a.artifactType,
      content_type: a.contentType,
      content_encoding: a.contentEncoding,
      primary: Boolean(a.primary),
    }));
    const task: TaskBody = {
      ...taskToRunFields(t),
      id: t.id,
      artifacts,
      message: t.message,
      warnings: jsonList(t.warnings),
      scope: t.scope,
    };
    const answers = {
      status: statusBody(t),
      task: t.status === 'error' ? { ...task, scrape_status: 'error' as const, retryable: Boolean(t.retryable) } : task,
    };
    this.final.set(t.id, { '/status': Buffer.from(JSON.stringify(answers.status)), '/task': Buffer.from(JSON.stringify(answers.task)) });
    return answers;
  }
}

function statusBody(t: TaskEntity): TaskStatusBody {
  return {
    uuid: t.id,
    status: t.status,
    message: t.message,
    stage: t.stage,
    artifacts_found: jsonList(t.artifactsFound),
    warnings: jsonList(t.warnings),
  };
}
