import { CiJobLine } from '../gerrit/ci-comment-parser';
import { ZuulBuild } from '../gerrit/zuul-client';
import { CiReport, CiRun } from './ci-runs';
import { classifyJobLink, JobLink, linkedBuildset } from './job-links';
import { QueryOrigins } from './query-parser';

/** A job result and where its logs are: the line's link and, behind a build page, the Zuul build. */
export interface ResolvedRun extends CiRun {
  link: JobLink | null;
  /** The build a build-page link names, when it is among the change's builds. */
  build: ZuulBuild | null;
}

/**
 * The Zuul tenants whose builds these reports need: those their build pages link to, and the
 * buildset of a report cut short (to find the jobs it lost). One builds query each; in practice one.
 */
export function linkedTenants(reports: readonly CiReport[], origins: QueryOrigins): string[] {
  const tenants = new Set<string>();
  for (const report of reports) {
    for (const job of report.jobs) {
      const link = classifyJobLink(job.link, origins);
      if (link?.kind === 'build') tenants.add(link.tenant);
    }
    const buildset = report.truncated ? linkedBuildset(report.buildsetLink, origins) : null;
    if (buildset) tenants.add(buildset.tenant);
  }
  return [...tenants];
}

/** A build as the job line a report would have had for it. */
function lineOf(build: ZuulBuild): CiJobLine {
  return {
    name: build.jobName,
    link: null,
    result: build.result ?? '',
    detail: build.errorDetail,
    durationSeconds: build.duration,
    voting: build.voting ?? true,
  };
}

function resolveReport(report: CiReport, builds: ReadonlyMap<string, ZuulBuild>, origins: QueryOrigins): ResolvedRun[] {
  const { ciUsername, pipeline, patchSet, date } = report;
  const lines = report.jobs.map((job) => {
    const link = classifyJobLink(job.link, origins);
    const build = link?.kind === 'build' ? (builds.get(link.uuid) ?? null) : null;
    return { ciUsername, pipeline, patchSet, date, job, link, build };
  });
  // A dependency cycle's report lists every change's build of a job. When Zuul knows some of this
  // report's builds as this change's, a build page it does not know belongs to another change.
  const knowsReport = lines.some((r) => r.build !== null);
  const ours = lines.filter((r) => !(knowsReport && r.link?.kind === 'build' && r.build === null));
  if (!report.truncated) return ours;

  // Cut at Gerrit's size limit: the jobs after the cut come from the builds of the report's buildset.
  const known = ours.find((r) => r.build !== null);
  const linked = linkedBuildset(report.buildsetLink, origins);
  const buildset = linked?.uuid ?? known?.build?.buildsetUuid;
  if (!buildset) return ours;
  const tenant = linked?.tenant ?? (known?.link?.kind === 'build' ? known.link.tenant : origins.zuulTenant);
  const reported = new Set(ours.map((r) => r.job.name));
  const lost = [...builds.values()].filter((b) => b.buildsetUuid === buildset && b.result !== null && !reported.has(b.jobName)).reverse(); // the builds query answers newest first; a report lists jobs in the order they started
  return [
    ...ours,
    ...lost.map((build) => ({
      ciUsername,
      pipeline,
      patchSet,
      date,
      job: lineOf(build),
      link: { kind: 'build' as const, tenant, uuid: build.uuid },
      build,
    })),
  ];
}

/** A Zuul time as Gerrit writes its dates (`2024-02-14 02:26:02.000`), so the two sort together. */
function gerritDate(iso: string): string {
  return iso.replace('T', ' ').replace(/Z$/, '');
}

/**
 * The attempts Zuul retried (RETRY, not final) among one patch set's builds, which reports never
 * list, as runs beside the run of the attempt that replaced them (the job's final build in the
 * same buildset): its CI account, pipeline and patch set, dated when the attempt ended.
 */
export function retriedRuns(builds: readonly ZuulBuild[], runs: readonly ResolvedRun[]): ResolvedRun[] {
  return builds
    .filter((b) => !b.final)
    .flatMap((build) => {
      const retry = runs.find((r) => r.build !== null && r.build.buildsetUuid === build.buildsetUuid && r.job.name === build.jobName);
      if (retry?.link?.kind !== 'build') return [];
      const { ciUsername, pipeline, patchSet, date } = retry;
      const link = { kind: 'build' as const, tenant: retry.link.tenant, uuid: build.uuid };
      return [{ ciUsername, pipeline, patchSet, date: build.endTime ? gerritDate(build.endTime) : date, job: lineOf(build), link, build }];
    });
}

/**
 * The runs of one patch set's reports, oldest first, build pages resolved against `builds` (every
 * final build of that change and patch set, from one builds query): a dependency cycle's lines for
 * other changes are dropped, and a report cut at Gerrit's size limit gets back the jobs it lost.
 */
export function resolveRuns(reports: readonly CiReport[], builds: ReadonlyMap<string, ZuulBuild>, origins: QueryOrigins): ResolvedRun[] {
  return reports.flatMap((report) => resolveReport(report, builds, origins));
}
