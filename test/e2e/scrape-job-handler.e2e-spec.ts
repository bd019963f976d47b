import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigModule } from '../../src/config/config.module';
import { loadConfig } from '../../src/config/load-config';
import { QueueModule } from '../../src/queue/queue.module';
import { ScrapeJobHandler, ScrapeJobHandlerRef } from '../../src/queue/scrape-queue';
import { BACKEND, backendEnv } from './backend';

/** Registers itself as the scrape job handler, as the scrape runner does. */
@Injectable()
class IdleHandler implements ScrapeJobHandler, OnModuleInit {
  constructor(private readonly ref: ScrapeJobHandlerRef) {}
  onModuleInit(): void {
    this.ref.set(this);
  }
  async handle(): Promise<void> {}
}

const config = loadConfig(backendEnv(), ['--role=all']);
const queueModule = QueueModule.forRoot(config);

@Module({ imports: [queueModule], providers: [IdleHandler] })
class HandlerModule {}

/** The queue with its consumer (BullMQ on Redis, else the in-process queue) and nothing else of the app, started. */
async function startQueue(...extra: (typeof HandlerModule)[]): Promise<() => Promise<void>> {
  const context = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), queueModule, ...extra] }).compile();
  try {
    await context.init();
  } catch (err) {
    await context.close();
    throw err;
  }
  return () => context.close();
}

describe(`a process that runs jobs needs a scrape job handler at start-up (${BACKEND === 'mysql' ? 'BullMQ' : 'in-process'} queue)`, () => {
  it('does not start without one', async () => {
    await expect(startQueue()).rejects.toThrow('no scrape job handler registered in this process');
  });

  it('starts with one', async () => {
    const close = await startQueue(HandlerModule);
    await close();
  });
});
