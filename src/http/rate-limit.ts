import fastifyRateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { onRequestHookHandler } from 'fastify';
import Redis from 'ioredis';
import type { AppConfig } from '../config/app-config';
import { redisOptionsFromUrl } from '../redis/redis-connection';

/**
 * The endpoints that make upstream calls or start work (Gerrit and Zuul lookups, scrapes, comparisons
 * of stored runs, insight fan-outs) and failure rule writes (so guessing the admin token is slow):
 * one budget per client across all of them. Reading results (`/status`, `/task`, `/blob`,
 * `/failures/…` reads), `/health` and the UI are never limited: a viewer polls them.
 */
export const RATE_LIMITED_ROUTES: readonly string[] = ['/list', '/scrape', '/compare', '/insight', '/failures/rules'];
/** The DELETE routes in that budget. */
export const RATE_LIMITED_DELETES: readonly string[] = ['/failures/rules/:id'];

const WINDOW_MS = 60_000;

/**
 * RATE_LIMIT_PER_MINUTE with @fastify/rate-limit: over the limit, 429 in the API's error shape with
 * `Retry-After`. The client is `request.ip`: the socket's peer, or the first X-Forwarded-For hop
 * when TRUST_PROXY says the proxy in front may be believed. With REDIS_URL the count lives in Redis,
 * so every api process behind a load balancer shares it (keys under QUEUE_PREFIX). A Redis that
 * does not answer lets requests through: the limit protects the service, it must not take it down.
 *
 * Call before `app.init()`: the limiter attaches itself to each limited route as Nest registers it.
 */
export async function registerRateLimit(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  if (config.rateLimitPerMinute === 0) return;
  const fastify = app.getHttpAdapter().getInstance();
  const redis = config.redisUrl ? rateLimitRedis(config.redisUrl) : undefined;
  const perMinute = config.rateLimitPerMinute;
  await app.register(fastifyRateLimit, {
    global: false,
    max: perMinute,
    timeWindow: WINDOW_MS,
    skipOnError: true,
    ...(redis ? { redis, nameSpace: `${config.queuePrefix}:rate-limit:` } : {}),
    errorResponseBuilder: (_req, context) =>
      Object.assign(
        new Error(
          `too many requests: one client may make ${perMinute} a minute to ${RATE_LIMITED_ROUTES.join(', ')}; retry in ${Math.max(1, Math.ceil(context.ttl / 1000))} s`,
        ),
        { statusCode: context.statusCode },
      ),
  });
  if (redis) fastify.addHook('onClose', async () => redis.disconnect());
  // No options: the plugin's own store and key space, so the routes share one count per client.
  const limit = fastify.rateLimit() as unknown as onRequestHookHandler;
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const limited =
      (methods.includes('POST') && RATE_LIMITED_ROUTES.includes(route.url)) ||
      (methods.includes('DELETE') && RATE_LIMITED_DELETES.includes(route.url));
    if (!limited) return;
    const existing = route.onRequest ? [route.onRequest].flat() : [];
    route.onRequest = [...existing, limit];
  });
}

/** A connection of its own that fails fast while Redis is away (requests then pass, see above). */
function rateLimitRedis(url: string): Redis {
  const redis = new Redis({ ...redisOptionsFromUrl(url), enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1000 });
  redis.on('error', () => undefined); // ioredis reconnects by itself; a down Redis is /health's to report
  return redis;
}
