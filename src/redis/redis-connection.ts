import type { RedisOptions } from 'ioredis';

/** ioredis options from a redis:// or rediss:// URL (user, password, db and TLS included). */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number.isFinite(db) ? db : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // BullMQ's own default waits up to 20 s between attempts, so work would resume up to 20 s
    // after Redis is back. A refused connection costs nothing: try again within a second.
    retryStrategy: (times: number) => Math.min(200 * times, 1000),
    // On close, a socket that never connected is waited for this long (ioredis: 2 s) before it is
    // destroyed; that wait only delays a stopping process whose Redis is down.
    disconnectTimeout: 500,
  };
}

/**
 * The producer's connection (the api's enqueue, /health): while Redis is away a command fails at
 * once instead of waiting in ioredis's offline queue, so /scrape answers 503 rather than hanging.
 * Workers keep the offline queue: their blocking reads simply resume when Redis returns.
 */
export function producerRedisOptions(url: string): RedisOptions {
  return { ...redisOptionsFromUrl(url), enableOfflineQueue: false };
}
