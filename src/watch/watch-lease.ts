import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RowLease } from '../database/row-lease';

export const WATCH_STATE_ID = 'zuul';

/**
 * One watcher at a time: a lease in the watch_state row (a RowLease, by the database's clock),
 * renewed as a heartbeat every half interval. It lasts 1.5 intervals from its last renewal and a
 * waiting process tries every half interval, so a second watcher takes over within
 * 2 × WATCH_INTERVAL_S of the first one's death.
 */
@Injectable()
export class WatchLease extends RowLease {
  constructor(@Inject(APP_CONFIG) config: AppConfig, @InjectDataSource() dataSource: DataSource) {
    const row = {
      table: 'watch_state',
      keyColumn: 'id',
      key: WATCH_STATE_ID,
      holderColumn: 'lease_holder',
      untilColumn: 'lease_expires_at',
      // the first watcher ever makes the row
      createIfMissing: true,
    };
    super(dataSource, row, `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(4).toString('hex')}`, config.watch.intervalMs * 1.5);
  }
}
