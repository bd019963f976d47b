import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { dialectOf } from '../database/dialect';
import { WatchStateEntity } from '../database/entities';

export const WATCH_STATE_ID = 'zuul';

/**
 * One watcher at a time: a lease in the watch_state row, taken by a conditional update (free,
 * expired, or already ours) and renewed as a heartbeat every half interval. It lasts 1.5 intervals
 * from its last renewal and a waiting process tries every half interval, so a second watcher takes
 * over within 2 × WATCH_INTERVAL_S of the first one's death. Expiry is by the database's clock.
 */
@Injectable()
export class WatchLease {
  readonly holder = `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(4).toString('hex')}`;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private get mysql(): boolean {
    return dialectOf(this.dataSource) === 'mysql';
  }

  /** Takes or renews the lease; false while another process holds it. */
  async hold(): Promise<boolean> {
    await this.dataSource.query(`INSERT ${this.mysql ? 'IGNORE' : 'OR IGNORE'} INTO watch_state (id) VALUES (?)`, [WATCH_STATE_ID]);
    const ms = Math.round(this.config.watch.intervalMs * 1.5);
    const now = this.mysql ? 'NOW(3)' : "strftime('%Y-%m-%d %H:%M:%f','now')";
    const until = this.mysql ? `NOW(3) + INTERVAL ${ms * 1000} MICROSECOND` : `strftime('%Y-%m-%d %H:%M:%f','now','+${ms / 1000} seconds')`;
    const result = await this.dataSource
      .createQueryBuilder()
      .update(WatchStateEntity)
      .set({ leaseHolder: this.holder, leaseExpiresAt: () => until })
      .where('id = :id', { id: WATCH_STATE_ID })
      .andWhere(`(lease_holder = :me OR lease_holder IS NULL OR lease_expires_at IS NULL OR lease_expires_at < ${now})`, {
        me: this.holder,
      })
      .execute();
    return result.affected === 1;
  }

  /** Lets another watcher take over at once (a clean shutdown). */
  async release(): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(WatchStateEntity)
      .set({ leaseHolder: null, leaseExpiresAt: null })
      .where('id = :id AND lease_holder = :me', { id: WATCH_STATE_ID, me: this.holder })
      .execute();
  }
}
