import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { Dialect, dialectOf } from './dialect';
import { SqliteTransactionGate } from './sqlite-transaction-gate';
import { isDeadlock } from './transient-errors';

/** InnoDB rolls a deadlock victim back whole, so running it again is safe. */
const DEADLOCK_ATTEMPTS = 6;
const DEADLOCK_BACKOFF_MS = 20;

/**
 * Runs a transaction. On MySQL a transaction InnoDB picks as a deadlock victim (a purge batch and
 * a worker storing blobs can meet) is run again after a short, jittered pause, so the transactions
 * that collided do not collide again in lockstep. SQLite has one shared connection, on which two
 * transactions at once fail ("cannot start a transaction within a transaction"), so there they run
 * one after another, and queries from outside the open one wait for it (`SqliteTransactionGate`);
 * the isolation level does not apply.
 */
@Injectable()
export class Transactions {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly gate: SqliteTransactionGate | null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.gate = this.dialect === 'sqlite' ? new SqliteTransactionGate(dataSource) : null;
  }

  get dialect(): Dialect {
    return dialectOf(this.dataSource);
  }

  run<T>(work: (manager: EntityManager) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    if (!this.gate) return this.retryingDeadlocks(work, isolation);
    const gate = this.gate;
    const next = this.tail.then(() => gate.hold(() => this.dataSource.transaction(work)));
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async retryingDeadlocks<T>(work: (manager: EntityManager) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await (isolation ? this.dataSource.transaction(isolation, work) : this.dataSource.transaction(work));
      } catch (err) {
        if (attempt >= DEADLOCK_ATTEMPTS || !isDeadlock(err)) throw err;
        await sleep(Math.random() * DEADLOCK_BACKOFF_MS * 2 ** attempt);
      }
    }
  }
}
