import type { RunFields } from './entry';

export const TASK_STATUSES = ['queued', 'running', 'finished', 'error'] as const;
/** A scrape task's state: queued → running → finished | error (src/tasks/task-transitions.ts). */
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * What a task fetched: `full` (everything), `tests` (only the test results, for flake insight:
 * no console, dstat or resource data), or `triage` (the test results and the console, for a build
 * the watcher follows). A later ordinary `/scrape` of the same URL makes a full task.
 */
export const TASK_SCOPES = ['full', 'tests', 'triage'] as const;
export type TaskScope = (typeof TASK_SCOPES)[number];

export const ARTIFACT_TYPES = ['subunit', 'subunit-stats', 'subunit-details', 'dstat', 'console', 'performance', 'memory-tracker'] as const;
export type ArtifactType = (typeof ARTIFACT_TYPES)[number];

/** `POST /scrape` body: a /list entry (at least its url); other fields are stored with the task. */
export type ScrapeRequest = Partial<RunFields> & { url: string };

/** `POST /scrape` → 202. */
export interface ScrapeAccepted {
  status: TaskStatus;
  uuid: string;
}

/** `POST /status` → 200. */
export interface TaskStatusBody {
  uuid: string;
  status: TaskStatus;
  message: string | null;
  /** What the worker is doing now. */
  stage: string | null;
  artifacts_found: string[];
  /** Everything a finished task did not read cleanly; empty when none. */
  warnings: string[];
}

/** One stored artifact of a task, as `/task` lists it (the shape StackViz's deployer mode reads). */
export interface ArtifactRef {
  id: string;
  artifact_name: string;
  artifact_type: ArtifactType;
  content_type: string;
  content_encoding: string;
  primary: boolean;
}

/** `POST /task` of a finished (or errored) task → 200. */
export interface TaskBody extends RunFields {
  url: string;
  /** The task uuid. */
  id: string;
  artifacts: ArtifactRef[];
  message: string | null;
  warnings: string[];
  scope: TaskScope;
  /** Present on an errored task. */
  scrape_status?: 'error';
  /** Present on an errored task: whether scraping the build again may succeed (the log server did not answer, the logs were not uploaded yet). */
  retryable?: boolean;
}

/** `POST /task` of a queued or running task → 202. */
export interface TaskNotReady {
  uuid: string;
  status: Extract<TaskStatus, 'queued' | 'running'>;
  message: string;
}
