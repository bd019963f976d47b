import 'reflect-metadata';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { createAppContext, createHttpApp, createLogger } from './bootstrap';
import { runCleanupCommand } from './cleanup/cleanup-command';
import { AppConfig } from './config/app-config';
import { ConfigError, loadConfig, redactUrl } from './config/load-config';
import { roleRuns } from './config/role-runs';

/** After SHUTDOWN_GRACE_MS, how long aborted jobs get to hand themselves back before the process exits anyway. */
const HAND_BACK_MS = 4000;

/**
 * SIGTERM: stop taking work; requests and jobs in flight get SHUTDOWN_GRACE_MS to finish, then
 * jobs are aborted and handed back to the queue; exit 0.
 */
function exitOnSignals(app: INestApplicationContext, config: AppConfig, logger: Logger): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down`);
    setTimeout(() => {
      logger.warn('still busy after the grace period; jobs not handed back are left to stalled-job recovery');
      process.exit(0);
    }, config.shutdownGraceMs + HAND_BACK_MS).unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

async function start(config: AppConfig): Promise<void> {
  const logger = new Logger('main');
  const where = `database ${config.database.type}, queue ${config.redisUrl ? redactUrl(config.redisUrl) : 'in-process'}`;
  const runs = roleRuns(config);
  if (runs.runsCleanupOnce) {
    const app = await createAppContext(config);
    const code = await runCleanupCommand(app, config);
    await app.close();
    process.exit(code);
  }
  if (!runs.servesHttp) {
    const app = await createAppContext(config);
    exitOnSignals(app, config, logger);
    logger.log(`${config.role} started (concurrency ${config.workerConcurrency}; ${where})`);
    return;
  }
  const app = await createHttpApp(config);
  exitOnSignals(app, config, logger);
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
