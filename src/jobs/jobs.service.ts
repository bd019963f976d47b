import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { GerritChange, GerritClient } from '../gerrit/gerrit-client';
import { ZuulBuild, ZuulClient } from '../gerrit/zuul-client';
import { buildOfLogUrl, LogUrlQuery } from './build-of-log-url';
import { CiRun, ciRuns, latestRunPerJob, newestPatchSetWithResults, patchSets } from './ci-runs';
import { JobEntry, jobEntry } from './job-entry';
import { classifyJobLink, sameLogDir } from './job-links';
import { JobQuery, parseQuery } from './query-parser';

type Query<K extends JobQuery['kind']> = Extract<JobQuery, { kind: K }>;

function changeFields(change: GerritChange | null): Pick<JobEntry, 'change_id' | 'change_project' | 'change_subject'> {
  return change
    ? { change_id: change._number, change_project: change.project, change_subject: change.subject }
    : { change_id: null, change_project: null, change_subject: null };
}

/** Answers `/list`: the CI jobs a query names, from Gerrit's comments and Zuul's builds. */
@Injectable()
export class JobsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gerrit: GerritClient,
    private readonly zuul: ZuulClient,
  ) {}

  async list(q: string): Promise<JobEntry[]> {
    const query = parseQuery(q, this.config);
    switch (query.kind) {
      case 'change':
        return this.changeJobs(query.change, query.patchSet);
      case 'legacy-log':
        return [await this.legacyBuild(query)];
      case 'legacy-periodic':
        return [jobEntry({ name: query.job, pipeline: query.pipeline, url: query.url })];
      case 'zuul-build':
        return this.zuulEntries([await this.zuul.build(query.tenant, query.uuid)]);
      case 'zuul-buildset':
        return this.zuulEntries((await this.zuul.buildset(query.tenant, query.uuid)).builds);
      case 'modern-log':
      case 'modern-log-build':
        return this.zuulEntries([await this.logUrlBuild(query)]);
    }
  }

  /** The latest result of every CI job on one patch set (by default the newest with results). */
  private async changeJobs(changeNumber: number, requested: number | null): Promise<JobEntry[]> {
    const change = await this.gerrit.getChange(changeNumber);
    const known = patchSets(change);
    if (requested !== null && known.length > 0 && !known.includes(requested)) {
      throw new NotFoundException(`change ${changeNumber} has no patch set ${requested} (it has ${Math.max(...known)})`);
    }
    const runs = ciRuns(change, this.config.ciUsernames);
    const patchSet = requested ?? newestPatchSetWithResults(runs);
    if (patchSet === null) return [];
    const latest = latestRunPerJob(runs, patchSet);
    const builds = await this.buildsLinkedFrom(latest, changeNumber, patchSet);
    return latest.flatMap((run) => {
      const link = classifyJobLink(run.job.link, this.config);
      const build = link?.kind === 'build' ? builds.get(link.uuid) : undefined;
      const url = link?.kind === 'logs' ? link.url : build?.logUrl;
      if (!url) return [];
      return [
        jobEntry({
          ...changeFields(change),
          ci_username: run.ciUsername,
          name: run.job.name,
          pipeline: run.pipeline ?? build?.pipeline,
          revision: patchSet,
          status: run.job.result,
          url,
          build_uuid: build?.uuid,
          voting: build?.voting ?? run.job.voting,
          duration: build?.duration ?? run.job.durationSeconds,
          finished_at: build?.endTime,
        }),
      ];
    });
  }

  /** Zuul builds behind the runs' build-page links: one builds query per tenant for the patch set. */
  private async buildsLinkedFrom(runs: CiRun[], change: number, patchset: number): Promise<Map<string, ZuulBuild>> {
    const tenants = new Set<string>();
    for (const run of runs) {
      const link = classifyJobLink(run.job.link, this.config);
      if (link?.kind === 'build') tenants.add(link.tenant);
    }
    const answers = await Promise.all([...tenants].map((tenant) => this.zuul.builds(tenant, { change, patchset })));
    return new Map(answers.flat().map((build) => [build.uuid, build]));
  }

  /** One legacy build: change details from Gerrit, result from the CI comment that linked it. */
  private async legacyBuild(query: Query<'legacy-log'>): Promise<JobEntry> {
    const change = await this.gerrit.getChange(query.change);
    const run = ciRuns(change, this.config.ciUsernames)
      .filter((r) => r.patchSet === query.patchSet && r.job.link !== null && sameLogDir(r.job.link, query.url))
      .at(-1);
    return jobEntry({
      ...changeFields(change),
      ci_username: run?.ciUsername,
      name: query.job,
      pipeline: query.pipeline,
      revision: query.patchSet,
      status: run?.job.result,
      url: query.url,
      voting: run?.job.voting,
      duration: run?.job.durationSeconds,
    });
  }

  private async logUrlBuild(query: LogUrlQuery): Promise<ZuulBuild> {
    const tenant = this.config.zuulTenant;
    const build = await buildOfLogUrl(this.zuul, tenant, query);
    if (!build) throw new NotFoundException(`no Zuul build (tenant ${tenant}) has the logs at ${query.url}`);
    return build;
  }

  /** Entries for Zuul builds that left logs, with change subjects from Gerrit where it knows them. */
  private async zuulEntries(builds: ZuulBuild[]): Promise<JobEntry[]> {
    const withLogs = builds.filter((b): b is ZuulBuild & { logUrl: string } => b.logUrl !== null);
    const changeNumbers = [...new Set(withLogs.map((b) => b.change).filter((n): n is number => n !== null))];
    const changes = new Map(
      await Promise.all(changeNumbers.map(async (n) => [n, await this.gerrit.findChange(n)] as const)),
    );
    return withLogs.map((build) => {
      const change = build.change === null ? null : changes.get(build.change) ?? null;
      return jobEntry({
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
      });
    });
  }
}
