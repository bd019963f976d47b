import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * SQLite has one connection, and TypeORM one query runner on it for everyone. A query issued there
 * while a transaction is open runs inside that transaction: a read sees its uncommitted writes (a
 * `/status` answering `finished` while the finish hooks still run and may roll it all back), a
 * write joins it (and is rolled back with it). The gate keeps the two apart: a transaction opens
 * once the queries already under way have ended, and until it has ended every query that is not
 * its own waits. Its own are those issued in its async context (the work and whatever it awaits).
 */
export class SqliteTransactionGate {
  private readonly context = new AsyncLocalStorage<object>();
  private open: { owner: object; ended: Promise<void> } | null = null;
  private outsideQueries = 0;
  private readonly whenNoneOutside: (() => void)[] = [];

  constructor(dataSource: DataSource) {
    const runner: QueryRunner = dataSource.createQueryRunner();
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    runner.query = ((...args: unknown[]) =>
      this.ownsOpen() ? query(...args) : this.outside(() => query(...args))) as QueryRunner['query'];
  }

  /** Runs `transaction` as the open one; call it only when no other is open (Transactions queues them). */
  async hold<T>(transaction: () => Promise<T>): Promise<T> {
    const owner = {};
    let end!: () => void;
    this.open = { owner, ended: new Promise<void>((resolve) => (end = resolve)) };
    try {
      while (this.outsideQueries > 0) await new Promise<void>((resolve) => this.whenNoneOutside.push(resolve));
      return await this.context.run(owner, transaction);
    } finally {
      this.open = null;
      end();
    }
  }

  private ownsOpen(): boolean {
    return this.open !== null && this.context.getStore() === this.open.owner;
  }

  private async outside<T>(query: () => Promise<T>): Promise<T> {
    while (this.open) await this.open.ended;
    this.outsideQueries++;
    try {
      return await query();
    } finally {
      if (--this.outsideQueries === 0) this.whenNoneOutside.splice(0).forEach((resolve) => resolve());
    }
  }
}
