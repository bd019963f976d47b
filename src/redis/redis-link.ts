import { Injectable, Logger } from '@nestjs/common';
import type { Queue, RedisConnection, Worker } from 'bullmq';

/** What ioredis and BullMQ say while Redis cannot be reached (each retry, each refused command). */
const CONNECTION_TROUBLE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|Connection is closed|Stream isn't writeable|MaxRetriesPerRequest/;

export function isRedisConnectionError(err: Error): boolean {
  return CONNECTION_TROUBLE.test(`${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}`);
}

/** Other errors BullMQ reports are logged once each; this many distinct ones are remembered. */
const REMEMBERED_ERRORS = 100;

/**
 * Whether this process reaches Redis, from the events of every connection BullMQ opens for it (the
 * producer's, and each worker's command and blocking connections). While Redis is away ioredis
 * retries every second and each failed try is an `error` event, which BullMQ prints with its stack
 * when nobody listens. Here an outage is one line when Redis goes away and one when it is back;
 * code that must act on the return (re-enqueueing what Redis lost) subscribes with onReturn.
 */
@Injectable()
export class RedisLink {
  private readonly logger = new Logger('Redis');
  private readonly down = new Set<RedisConnection>();
  private downSince = 0;
  private readonly returnListeners = new Set<() => void>();
  private readonly reported = new Set<string>();

  /** False from the first failure of any connection until all of them are ready again. */
  get available(): boolean {
    return this.down.size === 0;
  }

  /** Listens to a BullMQ Queue's or Worker's connections. Call it right after constructing it, before any I/O. */
  watch(owner: Queue | Worker, what: string): void {
    (owner as Queue).on('error', (err: Error) => this.reportOther(err, what));
    const backend = owner.getBackend();
    for (const connection of [backend.connection, backend.blockingConnection]) {
      if (!connection) continue;
      connection.on('error', (err: Error) => isRedisConnectionError(err) && this.lost(connection, err.message));
      connection.on('close', () => this.lost(connection, 'connection closed'));
      connection.on('ready', () => this.ready(connection));
    }
  }

  /** Calls `listener` each time Redis is back after an outage. Returns the unsubscribe function. */
  onReturn(listener: () => void): () => void {
    this.returnListeners.add(listener);
    return () => this.returnListeners.delete(listener);
  }

  private lost(connection: RedisConnection, reason: string): void {
    if (connection.closing || this.down.has(connection)) return;
    this.down.add(connection);
    if (this.down.size > 1) return;
    this.downSince = Date.now();
    this.logger.warn(`Redis is unavailable (${reason}); reconnecting every second, /scrape answers 503 until it is back`);
  }

  private ready(connection: RedisConnection): void {
    if (!this.down.delete(connection) || this.down.size > 0) return;
    this.logger.log(`Redis is back after ${((Date.now() - this.downSince) / 1000).toFixed(1)} s`);
    this.reported.clear();
    for (const listener of this.returnListeners) listener();
  }

  /** Connection errors are the outage above; anything else (a lost job lock, a script error) is logged once, without a stack. */
  private reportOther(err: Error, what: string): void {
    if (isRedisConnectionError(err) || this.reported.has(err.message)) return;
    if (this.reported.size >= REMEMBERED_ERRORS) this.reported.clear();
    this.reported.add(err.message);
    this.logger.warn(`${what}: ${err.message}`);
  }
}
