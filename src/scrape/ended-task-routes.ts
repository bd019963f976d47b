import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { JSON_UTF8, TaskAnswers } from './task-answers';

/**
 * POST /status and POST /task of a task that has ended, answered with the remembered bytes in a
 * Fastify preHandler, before Nest's pipeline (validation, interceptors, serialization): an ended
 * task's answer never changes, and viewers and pollers ask for it far more often than for anything
 * else. The request has by then been through everything every request goes through (request id,
 * body limit and parsing, log context; the access log and response headers follow as usual). Any
 * other body, valid or not, falls through to the controller, which answers (or refuses) as always,
 * an ended task with the same bytes (`TaskAnswers` makes them once).
 */
@Injectable()
export class EndedTaskRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly answers: TaskAnswers,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('preHandler', (req, reply, done) => {
      const bytes = this.endedAnswer(req);
      if (!bytes) return done();
      void reply.status(200).header('content-type', JSON_UTF8).send(bytes);
    });
  }

  private endedAnswer(req: FastifyRequest): Buffer | undefined {
    if (req.method !== 'POST') return undefined;
    const route = req.routeOptions.url;
    if (route !== '/status' && route !== '/task') return undefined;
    const q = (req.body as { q?: unknown } | null)?.q;
    // The same normalisation as the body's validation (UuidField): only a stored uuid can match.
    return typeof q === 'string' ? this.answers.ended(q.trim().toLowerCase())?.[route] : undefined;
  }
}
