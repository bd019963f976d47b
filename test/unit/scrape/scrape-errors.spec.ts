import { createServer } from 'node:net';
import { ArtifactFormatError } from '../../../src/artifacts/parsers';
import { classifyScrapeError } from '../../../src/scrape/scrape-errors';
import { toFetchError } from '../../../src/fetch/fetch-error';

/** The error a real connection to a closed port gives. */
async function refusedConnection(): Promise<Error> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return fetch(`http://127.0.0.1:${port}/`).then(
    () => {
      throw new Error(`port ${port} answered`);
    },
    (err: Error & { cause?: Error }) => err.cause ?? err,
  );
}

describe('classifyScrapeError', () => {
  it('a log server that refuses connections is retried, then given up: never taken for our database going away', async () => {
    const refused = toFetchError(await refusedConnection(), 'http://logs.example/build/');
    expect(refused.message).toMatch(/connect ECONNREFUSED/);
    expect(classifyScrapeError(refused, false)).toBe('retry');
    expect(classifyScrapeError(refused, true)).toBe('give-up');
  });

  it('our database refusing connections hands the job back', async () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
    expect(classifyScrapeError(err, true)).toBe('database');
  });

  it('a file that is not what it claims is given up; anything else is a crash', () => {
    expect(classifyScrapeError(new ArtifactFormatError('not subunit'), false)).toBe('give-up');
    expect(classifyScrapeError(new TypeError('x is undefined'), false)).toBe('crash');
  });
});
