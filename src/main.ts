import 'reflect-metadata';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { createAppContext, createHttpApp, createLogger } from './bootstrap';
import { runCleanupCommand } from './cleanup/cleanup-command';
import { AppConfig } from './config/app-config';
import { ConfigError, loadConfig, redactUrl } from './config/load-config';

/** SIGTERM: stop taking work, let jobs in flight finish or hand them back, exit 0 within 30 s. */
const SHUTDOWN_GRACE_MS = 25_000;

function exitOnSignals(app: INestApplicationContext, logger: Logger): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down`);
    setTimeout(() => {
      logger.warn('jobs still running after the grace period; leaving them to stalled-job recovery');
      process.exit(0);
    }, SHUTDOWN_GRACE_MS).unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

async function start(config: AppConfig): Promise<void> {
  const logger = new Logger('main');
  const where = `database ${config.database.type}, queue ${config.redisUrl ? redactUrl(config.redisUrl) : 'in-process'}`;
  if (config.role === 'cleanup') {
    const app = await createAppContext(config);
    const code = await runCleanupCommand(app, config);
    await app.close();
    process.exit(code);
  }
  if (config.role === 'worker') {
    const app = await createAppContext(config);
    exitOnSignals(app, logger);
    logger.log(`worker started (concurrency ${config.workerConcurrency}; ${where})`);
    return;
  }
  const app = await createHttpApp(config);
  exitOnSignals(app, logger);
  await app.listen(config.port, config.host);
  logger.log(`${config.role} role listening on http://${config.host}:${config.port} (${where})`);
}

function main(): void {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`stackviz-deployer: configuration error: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  Logger.overrideLogger(createLogger(config));
  start(config).catch((err: Error) => {
    process.stderr.write(`stackviz-deployer: failed to start: ${redactUrl(err.message)}\n`);
    process.exit(1);
  });
}

main();
