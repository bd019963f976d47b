import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ZuulBuild, ZuulClient } from '../gerrit/zuul-client';
import { globMatcher } from './globs';
import { nextLowWater, scanStart } from './low-water';
import { WatchStore, WatchedBuildRow } from './watch-store';

/** Builds per page of Zuul's builds query. */
export const FOLLOW_PAGE = 100;

/** What a poll found: the completed builds it had not handled yet (oldest first) and the next mark. */
export interface PollResult {
  fresh: ZuulBuild[];
  lowWater: number | null;
  scanFrom: number | null;
}

/**
 * Reads Zuul's builds since the low-water mark (docs/operations.md, "How the watcher follows Zuul"):
 * one query of the followed pipelines' builds, running and completed alike, paged newest first until
 * a short page, so an idle poll is one request. The very first poll (no mark stored) reads back
 * WATCH_SINCE_MINUTES of builds.
 */
@Injectable()
export class BuildFollower {
  private readonly logger = new Logger('Watcher');
  private readonly projectFollowed: (name: string | null) => boolean;
  private readonly jobFollowed: (name: string | null) => boolean;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly zuul: ZuulClient,
    private readonly store: WatchStore,
  ) {
    this.projectFollowed = globMatcher(config.watch.projects);
    this.jobFollowed = globMatcher(config.watch.jobs);
  }

  async poll(): Promise<PollResult> {
    const state = await this.store.readState();
    const previous = state?.lowWater ?? null;
    const from = scanStart(previous, state?.scanFrom ?? null);
    const since = from === null ? Date.now() - this.config.watch.sinceMinutes * 60_000 : null;
    const builds = await this.pages(from, since);
    const followed = new Set(this.config.watch.results);
    const completed = builds.filter((b) => b.result !== null && followed.has(b.result));
    const running = builds.filter((b) => b.result === null);
    const recent = since === null ? completed : completed.filter((b) => b.endTime === null || Date.parse(b.endTime) >= since);
    const known = await this.store.known(recent.map((b) => b.uuid));
    const fresh = recent
      .filter((b) => b.final && !known.has(b.uuid))
      .filter((b) => this.projectFollowed(b.project) && this.jobFollowed(b.jobName))
      .sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
    const ids = (builds: ZuulBuild[]) => builds.map((b) => b.id).filter((id): id is number => id !== null);
    return { fresh, lowWater: nextLowWater(ids(builds.filter((b) => b.result !== null)), ids(running), previous), scanFrom: previous };
  }

  /**
   * Every page back to `idxMin`; with `since` (the first poll), until a page whose builds all ended
   * before it. Zuul may add builds while we page: the pages then overlap (never skip one), which the
   * uuids sort out.
   */
  private async pages(idxMin: number | null, since: number | null): Promise<ZuulBuild[]> {
    const all: ZuulBuild[] = [];
    const pipelines = this.config.watch.pipelines ?? [];
    for (let skip = 0; ; skip += FOLLOW_PAGE) {
      const page = await this.zuul.followPage(this.config.zuulTenant, { pipelines, idxMin, limit: FOLLOW_PAGE, skip });
      all.push(...page);
      if (page.length < FOLLOW_PAGE) return all;
      if (since !== null && page.every((b) => b.endTime !== null && Date.parse(b.endTime) < since)) return all;
    }
  }

  /** The row of a build just seen: queued, unless it left no logs or the hour's quota is used up. */
  rowOf(build: ZuulBuild, quotaLeft: boolean): WatchedBuildRow {
    const skip = build.logUrl === null ? 'no log_url' : quotaLeft ? null : 'over WATCH_MAX_PER_HOUR';
    if (skip) this.logger.log(`build ${build.uuid} (${build.jobName}) skipped: ${skip}`);
    return {
      buildUuid: build.uuid,
      zuulId: build.id ?? 0,
      job: build.jobName,
      pipeline: build.pipeline,
      project: build.project,
      branch: build.branch,
      changeId: build.change,
      patchSet: build.patchSet,
      result: build.result ?? 'UNKNOWN',
      logUrl: build.logUrl,
      endTime: build.endTime,
      state: skip ? 'skipped' : 'queued',
      note: skip,
      taskId: null,
      insightId: null,
      noTestResults: false,
      reportState: skip ? 'skipped' : 'waiting',
      reportAttempts: 0,
      reportRetryAt: null,
      reportedAt: null,
      done: skip !== null,
    };
  }
}
