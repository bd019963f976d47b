import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, MoreThanOrEqual, Repository } from 'typeorm';
import type { WatchStatus } from '../api-shapes';
import { databaseTimeAgo } from '../database/db-clock';
import { WatchedBuildEntity, WatchStateEntity } from '../database/entities';
import { isUniqueViolation } from '../database/unique-violation';
import { WATCH_STATE_ID } from './watch-lease';

const HOUR_MS = 3600 * 1000;
/** Watched builds a poll carries forward at most; the rest wait for the next poll. */
const OPEN_PER_POLL = 500;

export type WatchedBuildRow = Omit<WatchedBuildEntity, 'createdAt' | 'updatedAt'>;

/** The watcher's tables: its cursor and last poll (watch_state) and the builds it follows (watched_builds). */
@Injectable()
export class WatchStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(WatchStateEntity) private readonly state: Repository<WatchStateEntity>,
    @InjectRepository(WatchedBuildEntity) private readonly builds: Repository<WatchedBuildEntity>,
  ) {}

  async readState(): Promise<WatchStateEntity | null> {
    return this.state.findOneBy({ id: WATCH_STATE_ID });
  }

  async savePoll(lowWater: number | null, scanFrom: number | null): Promise<void> {
    await this.state.update({ id: WATCH_STATE_ID }, { lowWater, scanFrom, lastPollAt: new Date(), lastError: null });
  }

  async saveError(error: string): Promise<void> {
    await this.state.update({ id: WATCH_STATE_ID }, { lastPollAt: new Date(), lastError: error.slice(0, 2000) });
  }

  /** Which of these build uuids already have a row. */
  async known(uuids: string[]): Promise<Set<string>> {
    if (uuids.length === 0) return new Set();
    const rows = await this.builds.find({ where: { buildUuid: In(uuids) }, select: { buildUuid: true } });
    return new Set(rows.map((r) => r.buildUuid));
  }

  /** Adds the build's row; false when another watcher (or an earlier run) added it first. */
  async add(row: WatchedBuildRow): Promise<boolean> {
    try {
      await this.builds.insert(row);
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async update(buildUuid: string, values: Partial<WatchedBuildRow>): Promise<void> {
    await this.builds.update({ buildUuid }, values);
  }

  /** The builds with something left to do, oldest first. */
  open(): Promise<WatchedBuildEntity[]> {
    return this.builds.find({ where: { done: false }, order: { createdAt: 'ASC' }, take: OPEN_PER_POLL });
  }

  async queuedLastHour(): Promise<number> {
    const since = await databaseTimeAgo(this.dataSource, HOUR_MS);
    return this.builds.countBy({ state: 'queued', createdAt: MoreThanOrEqual(since as unknown as Date) });
  }

  /** GET /watch, but for what this process's configuration says (enabled, pipelines). */
  async status(): Promise<Omit<WatchStatus, 'enabled' | 'pipelines'>> {
    const since = (await databaseTimeAgo(this.dataSource, HOUR_MS)) as unknown as Date;
    const state = await this.readState();
    const [queued, skipped, reported, reportSkipped] = await Promise.all([
      this.builds.countBy({ state: 'queued', createdAt: MoreThanOrEqual(since) }),
      this.builds.countBy({ state: 'skipped', createdAt: MoreThanOrEqual(since) }),
      this.builds.countBy({ reportState: In(['posted', 'logged']), reportedAt: MoreThanOrEqual(since) }),
      this.builds.countBy({ reportState: 'skipped', reportedAt: MoreThanOrEqual(since) }),
    ]);
    return {
      cursor: state?.lowWater ?? null,
      last_poll_at: state?.lastPollAt ? new Date(state.lastPollAt).toISOString() : null,
      last_error: state?.lastError ?? null,
      queued_last_hour: queued,
      skipped_last_hour: skipped,
      reported_last_hour: reported,
      report_skipped_last_hour: reportSkipped,
    };
  }
}
