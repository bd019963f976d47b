import { RUN_FIELDS, type RunFields } from '../api-shapes';
import type { TaskEntity } from '../database/entities';

/** The run fields of a task, in the API's order (what /task returns before `id` and the artifacts). */
export function taskToRunFields(t: TaskEntity): RunFields & { url: string } {
  return {
    change_id: t.changeId,
    change_project: t.changeProject,
    change_subject: t.changeSubject,
    ci_username: t.ciUsername,
    name: t.name,
    pipeline: t.pipeline,
    revision: t.revision,
    status: t.ciStatus,
    url: t.url,
    build_uuid: t.buildUuid,
    voting: t.voting === null ? null : Boolean(t.voting),
    duration: t.duration,
    finished_at: t.buildFinishedAt,
    branch: t.branch,
  };
}

/** Only the run fields of a /scrape body or a /list entry, with its log URL; what it left out is null. */
export function runFieldsOf(source: Partial<RunFields>, url: string): RunFields & { url: string } {
  const fields = Object.fromEntries(RUN_FIELDS.map((k) => [k, source[k] ?? null])) as unknown as RunFields;
  return { ...fields, url };
}

/** A task's columns for the run fields of a /list entry. */
export function runFieldsToTask(e: RunFields & { url: string }): Partial<TaskEntity> {
  return {
    url: e.url,
    changeId: e.change_id,
    changeProject: e.change_project,
    changeSubject: e.change_subject,
    ciUsername: e.ci_username,
    name: e.name,
    pipeline: e.pipeline,
    revision: e.revision,
    ciStatus: e.status,
    buildUuid: e.build_uuid,
    voting: e.voting,
    duration: e.duration,
    buildFinishedAt: e.finished_at,
    branch: e.branch,
  };
}

/** Log directories are compared and fetched with a trailing slash. */
export function normaliseLogUrl(url: string): string {
  const u = new URL(url.trim());
  u.hash = '';
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u.toString();
}

/** JSON text columns (warnings, artifacts found) as arrays; null reads as none. */
export function jsonList(text: string | null): string[] {
  return text ? (JSON.parse(text) as string[]) : [];
}
