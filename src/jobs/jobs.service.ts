import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { ListResponse } from '../api-shapes';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { artifactHostRefusal } from '../config/host-list';
import { GerritChange, GerritClient } from '../gerrit/gerrit-client';
import { ZuulBuild, ZuulClient } from '../gerrit/zuul-client';
import { buildOfLogUrl } from './build-of-log-url';
import { linkedTenants, ResolvedRun, resolveRuns, retriedRuns } from './change-runs';
import { CiReport, ciReports, latestRunPerJob, newestFirst, newestPatchSetWithResults, patchSets, reportedRuns } from './ci-runs';
import { JobEntry, jobEntry } from './job-entry';
import { LogFolders } from './log-folders';
import { sameLogDir } from './job-links';
import { hasMergeFailureComment, isMergeConflictResult, noResultsMessage } from './merge-conflicts';
import { JobQuery, parseQuery } from './query-parser';
import { foreignZuulReason, noLogsReason, unknownBuildReason } from './unscrapable';

type Query<K extends JobQuery['kind']> = Extract<JobQuery, { kind: K }>;
type EntryFields = Parameters<typeof jobEntry>[0];
/** A query for one build's log folder. */
type LogQuery = Query<'legacy-log' | 'legacy-periodic' | 'modern-log-build' | 'modern-log' | 'periodic-log' | 'ref-log'>;
/** A log URL whose path names the job. */
type PathQuery = Query<'legacy-log' | 'modern-log' | 'periodic-log' | 'ref-log'>;
/** Who no longer knows a build read from its path, and the 404 when its logs are gone too. */
interface Unknown {
  who: string;
  notFound: string;
}

function isLogQuery(query: JobQuery): query is LogQuery {
  return query.kind !== 'change' && query.kind !== 'zuul-build' && query.kind !== 'zuul-buildset';
}

function notFoundAsNull(error: unknown): null {
  if (error instanceof NotFoundException) return null;
  throw error;
}

function changeFields(change: GerritChange | null): Pick<JobEntry, 'change_id' | 'change_project' | 'change_subject' | 'branch'> {
  return change
    ? { change_id: change._number, change_project: change.project, change_subject: change.subject, branch: change.branch ?? null }
    : { change_id: null, change_project: null, change_subject: null, branch: null };
}

/**
 * The CI jobs a query names (`POST /list`), from Gerrit's comments and Zuul's builds: every CI
 * result is an entry, those `/scrape` cannot take marked unscrapable with the reason.
 */
@Injectable()
export class JobsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gerrit: GerritClient,
    private readonly zuul: ZuulClient,
    private readonly logFolders: LogFolders,
  ) {}

  /** The latest result of each job `q` names, or with `history` every run (see history()). */
  async list(q: string, history = false): Promise<ListResponse> {
    const query = parseQuery(q, this.config);
    return history ? { results: await this.historyOf(query) } : this.latest(query);
  }

  /**
   * Every CI result on a change, newest first: each run of each job (rechecks included) on every
   * patch set, or on `patchSet` only. An entry's `latest` is false when a newer result exists for
   * the same CI account, pipeline, job and patch set. Costs one Gerrit request and one Zuul builds
   * query per patch set with Zuul results. 404 when Gerrit does not know the change or patch set.
   */
  async history(change: number, patchSet: number | null): Promise<JobEntry[]> {
    const gerritChange = await this.changeWithPatchSet(change, patchSet);
    const reports = ciReports(gerritChange, this.config.ciUsernames).filter((r) => patchSet === null || r.patchSet === patchSet);
    const byPatchSet = new Map<number, CiReport[]>();
    for (const r of reports) byPatchSet.set(r.patchSet, [...(byPatchSet.get(r.patchSet) ?? []), r]);
    const runs = await Promise.all([...byPatchSet].map(([ps, psReports]) => this.resolvedRuns(change, ps, psReports, true)));
    return newestFirst(runs.flat()).map(({ run, latest }) => {
      const retried = run.build?.final === false;
      return { ...this.runEntry(gerritChange, run), latest: latest && !retried, retried };
    });
  }

  private async latest(query: JobQuery): Promise<ListResponse> {
    switch (query.kind) {
      case 'change':
        return this.changeJobs(query.change, query.patchSet);
      case 'zuul-build':
        return { results: await this.zuulEntries([await this.zuul.build(query.tenant, query.uuid)]) };
      case 'zuul-buildset':
        return this.buildsetJobs(query);
      default:
        return this.logUrlJobs(query);
    }
  }

  /**
   * The one build whose logs a log URL names. One neither Gerrit nor Zuul knows any more, whose
   * path names its job, is listed from the path with a message saying so, once its log folder is
   * found on the log server; it is a 404 only when the logs are not there either.
   */
  private async logUrlJobs(query: LogQuery): Promise<ListResponse> {
    const { entry, unknown } = await this.logUrlEntry(query);
    if (unknown === null) return { results: [entry] };
    const logs = await this.logFolders.state(query.url);
    if (logs.kind === 'missing') throw new NotFoundException(`${unknown.notFound}, and there are no logs at ${query.url} either (404)`);
    const read = entry.ci_username === null ? "its log URL's path" : "its log URL's path and the CI report that linked it";
    const found = logs.kind === 'there' ? 'its logs are there' : `its logs were not checked: ${logs.why}`;
    return { results: [entry], message: `${unknown.who}: this entry is read from ${read}, and ${found}.` };
  }

  /**
   * The entry `/list` gives for the build a log URL names, without checking that the logs are there
   * (the worker filling in a task posted with only its URL is about to fetch them): by the build
   * uuid when one is known, else from the URL. Null when the URL names nothing that can be looked
   * up (then the task's fields stay null); Gerrit or Zuul failing is the caller's to handle.
   */
  async entryOfLogUrl(url: string, buildUuid: string | null): Promise<JobEntry | null> {
    const byUuid = buildUuid === null ? null : await this.zuul.build(this.config.zuulTenant, buildUuid).catch(notFoundAsNull);
    if (byUuid) return (await this.zuulEntries([byUuid]))[0];
    let query: JobQuery;
    try {
      query = parseQuery(url, this.config);
    } catch {
      return null;
    }
    if (!isLogQuery(query)) return null;
    const found = await this.logUrlEntry(query).catch(notFoundAsNull);
    return found?.entry ?? null;
  }

  /**
   * The build a log URL names, and who no longer knows it when it is read from the path: Zuul's
   * builds (by uuid, or the builds query the path allows), else Gerrit's change and the report
   * that linked the logs, else the path alone. A legacy periodic URL has no one to ask.
   */
  private async logUrlEntry(query: LogQuery): Promise<{ entry: JobEntry; unknown: Unknown | null }> {
    const tenant = this.config.zuulTenant;
    switch (query.kind) {
      case 'legacy-periodic':
        return { entry: this.entry({ name: query.job, pipeline: query.pipeline, url: query.url }), unknown: null };
      case 'modern-log-build':
        return { entry: (await this.zuulEntries([await this.zuul.build(query.tenant, query.uuid)]))[0], unknown: null };
      case 'legacy-log': {
        const change = await this.gerrit.findChange(query.change);
        const unknown = { who: `Gerrit has no change ${query.change} any more`, notFound: `change ${query.change} not found on Gerrit` };
        return { entry: this.pathEntry(query, change), unknown: change ? null : unknown };
      }
      default: {
        const build = await buildOfLogUrl(this.zuul, tenant, query);
        if (build) return { entry: (await this.zuulEntries([build]))[0], unknown: null };
        const change = query.kind === 'modern-log' ? await this.gerrit.findChange(query.change) : null;
        const nor = query.kind === 'modern-log' && !change ? `, nor Gerrit of change ${query.change}` : '';
        const unknown = {
          who: `Zuul (tenant ${tenant}) has no record of this build any more${nor}`,
          notFound: `no Zuul build (tenant ${tenant}) has the logs at ${query.url}`,
        };
        return { entry: this.pathEntry(query, change), unknown };
      }
    }
  }

  /**
   * A build as its log URL's path names it (job, pipeline, change and patch set or project and
   * branch where the layout has them), with the change and its branch from Gerrit and the result,
   * voting and duration from the CI report that linked the logs, where there are.
   */
  private pathEntry(query: PathQuery, change: GerritChange | null): JobEntry {
    const patchSet = 'patchSet' in query ? query.patchSet : null;
    const run = change
      ? reportedRuns(ciReports(change, this.config.ciUsernames))
          .filter((r) => r.patchSet === patchSet && r.job.link !== null && sameLogDir(r.job.link, query.url))
          .at(-1)
      : undefined;
    return this.entry({
      ...changeFields(change),
      change_id: 'change' in query ? query.change : null,
      change_project: change?.project ?? ('project' in query ? query.project : null),
      branch: change?.branch ?? ('branch' in query ? query.branch : null),
      ci_username: run?.ciUsername,
      name: query.job,
      pipeline: query.pipeline,
      revision: patchSet,
      status: run?.job.result,
      url: query.url,
      voting: run?.job.voting,
      duration: run?.job.durationSeconds,
      error_detail: run?.job.detail,
    });
  }

  /**
   * History for any query: a query naming a change (and patch set) directly is that change's
   * history; one naming builds of one change and patch set is that patch set's; builds of no
   * change (periodic, post) are their own history.
   */
  private async historyOf(query: JobQuery): Promise<JobEntry[]> {
    if (query.kind === 'change' || query.kind === 'legacy-log' || query.kind === 'modern-log') {
      return this.history(query.change, query.patchSet);
    }
    const { results } = await this.latest(query);
    const first = results[0];
    const oneChange =
      first?.change_id != null &&
      first.revision != null &&
      results.every((e) => e.change_id === first.change_id && e.revision === first.revision);
    return oneChange ? this.history(first.change_id!, first.revision!) : results.map((e) => ({ ...e, latest: true, retried: false }));
  }

  /**
   * The latest result of every CI job on one patch set (by default the newest with results). A
   * patch set that is never silent: when the one asked for has no results, or a newer one than
   * those listed has none, `message` says why (a merge conflict, or no report yet), and an empty
   * list still names the change.
   */
  private async changeJobs(changeNumber: number, requested: number | null): Promise<ListResponse> {
    const change = await this.changeWithPatchSet(changeNumber, requested);
    const reports = ciReports(change, this.config.ciUsernames);
    const withResults = newestPatchSetWithResults(reports);
    const patchSet = requested ?? withResults;
    const runs =
      patchSet === null
        ? []
        : await this.resolvedRuns(
            changeNumber,
            patchSet,
            reports.filter((r) => r.patchSet === patchSet),
          );
    const results = latestRunPerJob(runs).map((run) => this.runEntry(change, run));
    const newest = Math.max(0, ...patchSets(change));
    const silent = requested !== null ? (results.length === 0 ? requested : null) : newest > (withResults ?? 0) ? newest : null;
    if (silent === null) return { results };
    const conflict = await this.mergeConflict(change, silent, reports);
    const message = noResultsMessage(silent, conflict, results.length > 0 ? patchSet : null);
    if (results.length > 0) return { results, message };
    const { _number: change_id, project: change_project, subject: change_subject, branch: change_branch } = change;
    return { results, message, change_id, change_project, change_subject, ...(change_branch ? { change_branch } : {}) };
  }

  /**
   * Whether Zuul could not merge the patch set: its comment says so (no upstream request), else its
   * newest buildset for the patch set ended MERGE_CONFLICT (one buildsets query, asked of the
   * tenant the change's reports link to; not asked for a change only Jenkins-era CI reported on).
   */
  private async mergeConflict(change: GerritChange, patchSet: number, reports: CiReport[]): Promise<boolean> {
    if (hasMergeFailureComment(change, patchSet, this.config.ciUsernames)) return true;
    const tenants = linkedTenants(reports, this.config);
    if (reports.length > 0 && tenants.length === 0) return false;
    const [newest] = await this.zuul.buildsets(tenants[0] ?? this.config.zuulTenant, { change: change._number, patchset: patchSet });
    return isMergeConflictResult(newest?.result ?? null);
  }

  private async changeWithPatchSet(changeNumber: number, requested: number | null): Promise<GerritChange> {
    const change = await this.gerrit.getChange(changeNumber);
    const known = patchSets(change);
    if (requested !== null && known.length > 0 && !known.includes(requested)) {
      throw new NotFoundException(`change ${changeNumber} has no patch set ${requested} (it has ${Math.max(...known)})`);
    }
    return change;
  }

  /**
   * One patch set's reports with their build pages resolved: one Zuul builds query for the patch
   * set (per tenant linked, in practice one), never one call per build. With `retried`, the
   * attempts Zuul retried too, which that answer holds and reports never list.
   */
  private async resolvedRuns(change: number, patchSet: number, reports: CiReport[], retried = false): Promise<ResolvedRun[]> {
    const tenants = linkedTenants(reports, this.config);
    const builds = (await Promise.all(tenants.map((tenant) => this.zuul.builds(tenant, { change, patchset: patchSet })))).flat();
    const finalBuilds = builds.filter((b) => b.final);
    const runs = resolveRuns(reports, new Map(finalBuilds.map((b) => [b.uuid, b])), this.config);
    return retried ? [...runs, ...retriedRuns(builds, runs)] : runs;
  }

  private runEntry(change: GerritChange, run: ResolvedRun): JobEntry {
    const { link, build, job } = run;
    const url = link?.kind === 'logs' ? link.url : (build?.logUrl ?? null);
    const noLogs =
      link?.kind === 'foreign-build'
        ? foreignZuulReason(link.url)
        : link?.kind === 'build' && !build
          ? unknownBuildReason(link.tenant, link.uuid)
          : noLogsReason(build?.result ?? job.result);
    return this.entry(
      {
        ...changeFields(change),
        ci_username: run.ciUsername,
        name: job.name,
        pipeline: run.pipeline ?? build?.pipeline,
        revision: run.patchSet,
        status: job.result,
        url,
        build_uuid: build?.uuid ?? (link?.kind === 'build' ? link.uuid : null),
        voting: build?.voting ?? job.voting,
        duration: build?.duration ?? job.durationSeconds,
        finished_at: build?.endTime,
        branch: build?.branch ?? change.branch,
        error_detail: build?.errorDetail ?? job.detail,
      },
      noLogs,
    );
  }

  /**
   * Every entry is made here: one without logs carries `noLogs` as its reason, one whose logs are
   * on a host workers do not fetch from says so — the same check `/scrape` makes.
   */
  private entry(fields: EntryFields, noLogs: string | null = null): JobEntry {
    const url = fields.url ?? null;
    return jobEntry(fields, url === null ? noLogs : artifactHostRefusal(url, this.config.artifactHosts));
  }

  /** A buildset's builds; when it ran none (MERGE_CONFLICT, CONFIG_ERROR, NO_JOBS), what Zuul said instead. */
  private async buildsetJobs(query: Query<'zuul-buildset'>): Promise<ListResponse> {
    const buildset = await this.zuul.buildset(query.tenant, query.uuid);
    const results = await this.zuulEntries(buildset.builds);
    if (results.length > 0 || buildset.result === null) return { results };
    return { results, message: buildset.message ? `${buildset.result}: ${buildset.message}` : buildset.result };
  }

  /** Entries for Zuul builds, with change subjects from Gerrit where it knows them (also flake insight's recent builds). */
  async zuulEntries(builds: ZuulBuild[]): Promise<JobEntry[]> {
    const changeNumbers = [...new Set(builds.map((b) => b.change).filter((n): n is number => n !== null))];
    const changes = new Map(await Promise.all(changeNumbers.map(async (n) => [n, await this.gerrit.findChange(n)] as const)));
    return builds.map((build) => {
      const change = build.change === null ? null : (changes.get(build.change) ?? null);
      return this.entry(
        {
          change_id: build.change,
          change_project: build.project ?? change?.project,
          change_subject: change?.subject,
          name: build.jobName,
          pipeline: build.pipeline,
          revision: build.patchSet,
          status: build.result,
          url: build.logUrl,
          build_uuid: build.uuid,
          voting: build.voting,
          duration: build.duration,
          finished_at: build.endTime,
          branch: build.branch ?? change?.branch,
          error_detail: build.errorDetail,
        },
        noLogsReason(build.result),
      );
    });
  }
}
