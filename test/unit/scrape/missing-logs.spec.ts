import { jobEntry } from '../../../src/jobs/job-entry';
import { FetchError } from '../../../src/fetch';
import { missingLogsError } from '../../../src/scrape/missing-logs';

const URL = 'https://logs.example.org/12/100012/1/check/tempest-full/9f9f9f9/';
const gone = new FetchError(`the logs at ${URL} are gone (404): OpenDev expires build logs after some weeks`, 'not-found', 404);
const UUID = '9f9f9f9a0b1c4d2e8f3a4b5c6d7e8f90';

describe('missingLogsError', () => {
  it('says a build Zuul gives no result yet is still running (a later scrape may find its logs)', () => {
    const entry = jobEntry({ name: 'tempest-full', url: URL, build_uuid: UUID, status: null });
    expect(missingLogsError(URL, gone, entry)).toMatchObject({ kind: 'not-yet', status: 404 });
    expect(missingLogsError(URL, gone, entry).message).toBe(
      `there are no logs at ${URL} yet: Zuul says build ${UUID} has no result, so it is still running; scrape it again once it finishes`,
    );
  });

  it('says when and how a finished build ended, from Zuul or from its CI report', () => {
    const zuul = jobEntry({ name: 'tempest-full', url: URL, build_uuid: UUID, status: 'SUCCESS', finished_at: '2024-01-05T10:00:00.000Z' });
    expect(missingLogsError(URL, gone, zuul)).toMatchObject({ kind: 'not-found', status: 404 });
    expect(missingLogsError(URL, gone, zuul).message).toBe(`${gone.message} (Zuul says build ${UUID} finished on 2024-01-05 with SUCCESS)`);
    const report = jobEntry({ name: 'gate-tempest-dsvm-full', url: URL, ci_username: 'jenkins', status: 'FAILURE' });
    expect(missingLogsError(URL, gone, report).message).toBe(`${gone.message} (its CI report says it ended FAILURE)`);
  });

  it('names both possibilities when nothing tells (no entry, or one read from the path alone)', () => {
    for (const entry of [null, jobEntry({ name: 'tempest-full', url: URL })]) {
      const error = missingLogsError(URL, gone, entry);
      expect(error).toMatchObject({ kind: 'not-yet', status: 404 });
      expect(error.message).toMatch(
        /^there are no logs at .* \(404\), and Zuul could not say whether the build has finished: either it is still running/,
      );
    }
  });
});
