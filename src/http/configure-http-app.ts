import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyServerOptions } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '../config/app-config';
import { logContext } from '../logging/request-context';
import { closeConnectionsOnShutdown } from './close-connections-on-shutdown';
import { BODY_LIMIT_BYTES } from './body-limit';
import { clientErrorHandler, frameworkErrors } from './framework-errors';
import { HttpErrorFilter } from './http-error.filter';
import { createValidationPipe } from './validation.pipe';

const accessLog = new Logger('http');

/** Request ids: the caller's X-Request-Id when it looks sane (e.g. from nginx), else a new one. */
export function genReqId(req: Pick<IncomingMessage, 'headers'>): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}

/** The Fastify server behind the Nest app: body limit, request ids, errors in the API's shape, proxies. */
export function fastifyOptions(config: Pick<AppConfig, 'trustProxy'>): FastifyServerOptions {
  return { bodyLimit: BODY_LIMIT_BYTES, genReqId, frameworkErrors, clientErrorHandler, trustProxy: fastifyTrustProxy(config.trustProxy) };
}

/**
 * TRUST_PROXY as Fastify takes it. A number of hops becomes a function trusting that many hops
 * from the connection: Fastify 5.12 reads a bare number as trusting none (a client reaching the
 * port itself could name any address), while the operator who sets one has said how many proxies
 * stand in front; `trustProxyWarning` says what that trusts.
 */
function fastifyTrustProxy(trust: AppConfig['trustProxy']): FastifyServerOptions['trustProxy'] {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

/** What a start-up should warn of in TRUST_PROXY, if anything. */
export function trustProxyWarning(trust: AppConfig['trustProxy']): string | null {
  if (typeof trust !== 'number' && trust !== true) return null;
  const trusted = trust === true ? 'every hop' : `${trust} hop${trust === 1 ? '' : 's'}`;
  return `TRUST_PROXY=${String(trust)} trusts X-Forwarded-For over ${trusted} from whoever connects: safe only when the service can be reached through its proxies alone; set the proxies' addresses (e.g. TRUST_PROXY=10.0.0.0/8) to trust them only`;
}

/** Everything main.ts and the e2e tests set up on the HTTP app, in one place. */
export function configureHttpApp(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  // preHandler, not onRequest: body parsing in between runs in the socket's async context.
  fastify.addHook('preHandler', (req, _reply, done) => {
    logContext.run({ requestId: req.id }, done);
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    accessLog.log({ msg: `${req.method} ${req.url} ${reply.statusCode}`, requestId: req.id, ms: Math.round(reply.elapsedTime) });
    done();
  });
  fastify.addHook('onSend', (req, reply, payload, done) => {
    void reply.header('x-request-id', req.id).header('x-content-type-options', 'nosniff');
    done(null, payload);
  });
  closeConnectionsOnShutdown(fastify);
  app.useGlobalFilters(new HttpErrorFilter());
  app.useGlobalPipes(createValidationPipe());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('stackviz-deployer')
      .setDescription('List the CI jobs of an OpenStack change, scrape their logs, and serve StackViz artifacts.')
      .setVersion('1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
