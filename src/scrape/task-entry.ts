import { TaskEntity } from '../database/entities';
import { ScrapeRequestDto } from './dto/scrape-request.dto';

/** The Entry fields of a task, in the seed's order (what /task returns before `id` and artifacts). */
export function taskToEntry(t: TaskEntity) {
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
  };
}

/** Copies the Entry fields of a /scrape body onto a new task. */
export function entryToTaskFields(e: ScrapeRequestDto): Partial<TaskEntity> {
  return {
    url: e.url,
    changeId: e.change_id ?? null,
    changeProject: e.change_project ?? null,
    changeSubject: e.change_subject ?? null,
    ciUsername: e.ci_username ?? null,
    name: e.name ?? null,
    pipeline: e.pipeline ?? null,
    revision: e.revision ?? null,
    ciStatus: e.status ?? null,
    buildUuid: e.build_uuid ?? null,
    voting: e.voting ?? null,
    duration: e.duration ?? null,
    buildFinishedAt: e.finished_at ?? null,
  };
}

/** Log directories are compared and fetched with a trailing slash. */
export function normaliseLogUrl(url: string): string {
  const u = new URL(url.trim());
  u.hash = '';
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u.toString();
}
