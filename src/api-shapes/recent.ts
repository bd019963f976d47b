import type { TaskStatus } from './task';

/** `GET /recent?limit=N`: how many runs it returns by default, and at most. */
export const RECENT_DEFAULT_LIMIT = 20;
export const RECENT_MAX_LIMIT = 100;

/** One run scraped here, newest first: enough to name it and link to its site (`/s/<uuid>/`). */
export interface RecentRun {
  /** The task uuid. */
  uuid: string;
  /** The CI job's name; null for a task scraped from a bare log URL that names no job. */
  name: string | null;
  change_id: number | null;
  change_project: string | null;
  /** The patch set. */
  revision: number | null;
  /** Where it ran (check, gate, …): with the patch set, what tells two runs of one job apart. */
  pipeline: string | null;
  /** The task's state (queued, running, finished, error). */
  status: TaskStatus;
  /** The job's CI result (SUCCESS, FAILURE, POST_FAILURE, …), when known. */
  ci_status: string | null;
  /** When the scrape was asked for, ISO 8601 UTC. */
  created_at: string;
}

/** `GET /recent` → 200. */
export interface RecentResponse {
  runs: RecentRun[];
}
