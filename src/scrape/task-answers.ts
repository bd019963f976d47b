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

/** An ended task's answers as the JSON bytes sent, by route. */
export interface EndedAnswerBytes {
  '/status': Buffer;
  '/task': Buffer;
  /** The artifacts `/task` lists, for the task site's preloads without parsing those bytes again. */
  artifacts: readonly ArtifactRef[];
}

/** What POST /status or POST /task answers: an ended task's remembered JSON bytes, or a live task's body. */
export type TaskAnswer<Live> = { ended: Buffer } | { live: Live };

/** The content type the remembered bytes are sent with. */
export const JSON_UTF8 = 'application/json; charset=utf-8';

/**
 * The answers of POST /status and POST /task. Those of a task that has ended are kept by uuid in a
 * bounded LRU, serialized, and sent as those bytes whoever answers: `EndedTaskRoutes` before Nest's
 * pipeline runs when they are remembered (pollers and viewers read them far more often than tasks
 * end), the controller otherwise (the first read, a uuid sent under an alias).
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

  async status(uuid: string): Promise<TaskAnswer<TaskStatusBody>> {
    const remembered = this.final.get(uuid);
    if (remembered) return { ended: remembered['/status'] };
    const t = await this.tasks.get(uuid);
    return isFinal(t.status) ? { ended: (await this.remember(t))['/status'] } : { live: statusBody(t) };
  }

  /** The task's body once it has ended; the 202 body while it is queued or running. */
  async task(uuid: string): Promise<TaskAnswer<TaskNotReady>> {
    const remembered = this.final.get(uuid);
    if (remembered) return { ended: remembered['/task'] };
    const t = await this.tasks.get(uuid);
    if (t.status === 'queued' || t.status === 'running') return { live: { uuid: t.id, status: t.status, message: 'not ready yet' } };
    return { ended: (await this.remember(t))['/task'] };
  }

  /** The artifacts an ended task lists (as /task names them); null while it is queued or running. */
  async artifacts(uuid: string): Promise<readonly ArtifactRef[] | null> {
    const remembered = this.final.get(uuid);
    if (remembered) return remembered.artifacts;
    const t = await this.tasks.get(uuid);
    return isFinal(t.status) ? (await this.remember(t)).artifacts : null;
  }

  private async remember(t: TaskEntity): Promise<EndedAnswerBytes> {
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
    const ended = t.status === 'error' ? { ...task, scrape_status: 'error' as const, retryable: Boolean(t.retryable) } : task;
    const bytes = { '/status': Buffer.from(JSON.stringify(statusBody(t))), '/task': Buffer.from(JSON.stringify(ended)), artifacts };
    this.final.set(t.id, bytes);
    return bytes;
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
