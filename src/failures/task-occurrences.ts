import { createHash } from 'node:crypto';
import type { ConsoleLog } from '../artifacts/parsers/console/console-log';
import { databaseTime, utcDate } from '../database/db-clock';
import type { TaskEntity } from '../database/entities';
import { ArtifactSource, artifactJson } from './artifact-source';
import { failureCausesOf, tracebacksOf } from './failed-tests';
import { signatureId } from '../failure-cause/failure-cause';
import { jobFailureSignature } from './job-failure';

/** One failing test (or failed job) of a build, before it is written. */
export interface Occurrence {
  signatureId: string;
  signature: string;
  test: string | null;
  /** Shared by every occurrence of the build (one object, not a copy per failure). */
  build: OccurrenceBuild;
}

/** What each occurrence of one build holds alike. */
export interface OccurrenceBuild {
  /** 32 hex digits of sha256(log URL): with a signature id, the key of its failure_build_signatures row. */
  buildKey: string;
  /** Job, project, branch and pipeline are cut to their columns' 255 characters. */
  job: string;
  project: string | null;
  branch: string | null;
  pipeline: string | null;
  changeId: number | null;
  patchset: number | null;
  /** What `changes` counts: the change, or for a build without one (periodic, post) the build itself. */
  changeKey: string;
  buildUuid: string | null;
  logUrl: string;
  taskId: string;
  /** The build's end time, else the task's, as a database time (UTC). */
  finishedAt: string;
  day: string;
}

export interface Example {
  test: string | null;
  traceback: string;
}

export interface TaskOccurrences {
  occurrences: Occurrence[];
  /** The example traceback of each of these signatures, from this task (read only when asked: most signatures are known already). */
  examples(signatureIds: ReadonlySet<string>): Promise<Map<string, Example>>;
}

/** Lines of a failed console step kept as a job-level failure's example. */
const EXAMPLE_STEP_LINES = 40;

/** Zuul's end_time has no zone and is UTC; a time that does not parse gives null. */
function buildEnd(text: string | null): Date | null {
  const date = text ? utcDate(text) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/** 32 hex digits of the SHA-256 of `text`: the first 16 bytes' hex. */
const sha256Half = (text: string) => createHash('sha256').update(text).digest().toString('hex', 0, 16);

/** A build's text as its occurrence column (varchar(255)) holds it. */
const toColumn = (text: string | null) => text?.slice(0, 255) ?? null;

function changeKeyOf(task: TaskEntity): string {
  return task.changeId !== null ? String(task.changeId) : `build:${sha256Half(task.url)}`;
}

/** The job-level failure of a task that read its console and failed outside its tests, else null. */
async function jobFailure(task: TaskEntity, sources: readonly ArtifactSource[]): Promise<{ signature: string; example: Example } | null> {
  const source = sources.find((a) => a.artifactType === 'console');
  if (!source) return null;
  const console = (await artifactJson(source)) as ConsoleLog;
  const result = task.ciStatus ?? console.status;
  if (!result || result === 'SUCCESS' || !Array.isArray(console.scripts)) return null;
  const signature = jobFailureSignature(console, result);
  if (!signature) return null;
  const step = console.scripts.find((s) => s.status === 'failed' && s.first_error !== null) ?? console.scripts.at(-1)!;
  const from = step.first_error ?? Math.max(0, step.lines.length - EXAMPLE_STEP_LINES);
  const lines = step.lines.slice(from, from + EXAMPLE_STEP_LINES).map((l) => l.line);
  return { signature, example: { test: null, traceback: [step.name, ...lines].join('\n') } };
}

/** What every occurrence of the task's build holds alike; its times are the build's end, else the task's last update. */
export function buildOf(task: TaskEntity): OccurrenceBuild {
  const finished = buildEnd(task.buildFinishedAt) ?? task.updatedAt;
  return {
    buildKey: sha256Half(task.url),
    job: toColumn(task.name) ?? '',
    project: toColumn(task.changeProject),
    branch: toColumn(task.branch),
    pipeline: toColumn(task.pipeline),
    changeId: task.changeId,
    patchset: task.revision,
    changeKey: changeKeyOf(task),
    buildUuid: task.buildUuid,
    logUrl: task.url,
    taskId: task.id,
    finishedAt: databaseTime(finished),
    day: finished.toISOString().slice(0, 10),
  };
}

/**
 * What a finished task adds to failure knowledge: one occurrence per failing test, and, when it has
 * none, read its console and its job did not succeed, one job-level occurrence (`test: null`).
 */
export async function occurrencesOfTask(task: TaskEntity, sources: readonly ArtifactSource[]): Promise<TaskOccurrences> {
  const build = buildOf(task);
  const causes = await failureCausesOf(sources);
  if (causes.size > 0) {
    const occurrences = [...causes].map(([test, c]) => ({ signatureId: c.signature_id, signature: c.cause, test, build }));
    return {
      occurrences,
      async examples(ids) {
        const tests = new Map<string, string>();
        for (const o of occurrences) if (ids.has(o.signatureId) && !tests.has(o.signatureId)) tests.set(o.signatureId, o.test);
        const tracebacks = await tracebacksOf(sources, tests.values());
        const out = new Map<string, Example>();
        for (const [id, test] of tests) out.set(id, { test, traceback: tracebacks.get(test) ?? causes.get(test)!.cause });
        return out;
      },
    };
  }
  const job = await jobFailure(task, sources);
  if (!job) return { occurrences: [], examples: async () => new Map() };
  const id = signatureId(job.signature);
  return {
    occurrences: [{ signatureId: id, signature: job.signature, test: null, build }],
    examples: async () => new Map([[id, job.example]]),
  };
}
