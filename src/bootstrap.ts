import { INestApplicationContext, Logger, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { roleRuns } from './config/role-runs';
import { configureHttpApp, fastifyOptions, trustProxyWarning } from './http/configure-http-app';
import { registerRateLimit } from './http/rate-limit';
import { AppLogger } from './logging/app-logger';
import { TaskAnswers } from './scrape/task-answers';
import { defaultWebRoot, registerUi } from './ui/serve-ui';

/** Logs go to stdout, except for the cleanup command, whose stdout is its one-line report. */
export function createLogger(config: AppConfig): LoggerService {
  return new AppLogger(config.logFormat, config.logLevel, roleRuns(config).runsCleanupOnce ? process.stderr : process.stdout);
}

/** The api and all roles: the Nest app on Fastify, configured but not yet listening. */
export async function createHttpApp(config: AppConfig, logger: LoggerService = createLogger(config)): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), new FastifyAdapter(fastifyOptions(config)), {
    logger,
    bufferLogs: false,
  });
  // Before init(): the limiter attaches itself to the limited routes as Nest registers them.
  await registerRateLimit(app, config);
  configureHttpApp(app);
  const answers = app.get(TaskAnswers, { strict: false });
  registerUi(app, defaultWebRoot(), config, (uuid) => answers.artifacts(uuid));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const warning = trustProxyWarning(config.trustProxy);
  if (warning) new Logger('http').warn(warning);
  return app;
}

/** The worker and cleanup roles: the same modules, no HTTP port. */
export function createAppContext(config: AppConfig, logger: LoggerService = createLogger(config)): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(AppModule.forRoot(config), { logger });
}
