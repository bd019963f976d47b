import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppLogger } from '../../../src/logging/app-logger';
import { logContext } from '../../../src/logging/request-context';

function collecting(): { out: Writable; writes: string[] } {
  const writes: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk.toString());
      done();
    },
  });
  return { out, writes };
}

describe('AppLogger', () => {
  it('writes the lines of one turn of the event loop together, in order, each a JSON object with its context', async () => {
    const { out, writes } = collecting();
    const logger = new AppLogger('json', 'info', out);
    logContext.run({ requestId: 'r-1' }, () => logger.log({ msg: 'POST /task 200', ms: 3 }, 'http'));
    logger.warn('second', 'Scrape');
    logger.debug('below the level');
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toHaveLength(1);
    const lines = writes[0].split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 'info', context: 'http', requestId: 'r-1', msg: 'POST /task 200', ms: 3 }),
      expect.objectContaining({ level: 'warn', context: 'Scrape', msg: 'second' }),
    ]);
    logger.log('before the error', 'Scrape');
    logger.error('failed', 'Scrape');
    // an error is written at once, with what waited before it
    expect(writes).toHaveLength(2);
    expect(writes[1].split('\n').map((l) => (l ? (JSON.parse(l) as { msg: string }).msg : l))).toEqual(['before the error', 'failed', '']);
    await nextTurn();
    expect(writes).toHaveLength(2);
  });

  it('keeps the order of lines from two loggers writing to one output', async () => {
    const { out, writes } = collecting();
    const first = new AppLogger('pretty', 'info', out);
    const second = new AppLogger('json', 'info', out);
    first.log('one', 'a');
    second.log('two', 'b');
    first.log('three', 'a');
    await nextTurn();
    expect(writes).toHaveLength(1);
    expect(writes[0].split('\n').map((l) => /one|two|three/.exec(l)?.[0])).toEqual(['one', 'two', 'three', undefined]);
  });

  it('writes what is waiting when the process exits, even at once', () => {
    const script = `
      const { AppLogger } = require(${JSON.stringify(join(__dirname, '../../../src/logging/app-logger'))});
      const logger = new AppLogger('json', 'info');
      logger.log('started', 'main');
      logger.warn('giving up', 'main');
      process.exit(3);
    `;
    const run = spawnSync(process.execPath, ['-r', join(__dirname, '../../../scripts/register-ts.js'), '-e', script], { encoding: 'utf8' });
    expect(run.status).toBe(3);
    expect(
      run.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { msg: string }).msg),
    ).toEqual(['started', 'giving up']);
  });
});
