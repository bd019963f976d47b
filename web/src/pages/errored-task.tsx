import type { TaskBody } from '../api/types';
import { pickMeta } from '../data/run-data';
import type { RunMeta } from '../data/types';
import { linkBases } from '../link-bases';
import { ciResultMeaning } from '../logic/ci-results';
import { changeLabel, zuulBuildLink } from '../logic/results';
import { logsGone, scrapeFailureInWords } from '../logic/scrape-failure';
import { useTitle } from '../router';
import { RunHeader } from '../viewer/run-header';

/**
 * `/s/<uuid>/` of a task whose scrape ended in error: the run it was (its Entry and links out), why
 * there is no site in words, what its CI result usually means, and a Retry only when the service
 * says scraping again may succeed (`retryable`); otherwise where to look instead.
 */
export function ErroredTask({ task, onRetry }: { task: TaskBody; onRetry: () => void }) {
  const gone = logsGone(task.message);
  // expired logs: no "raw logs" link to a directory that answers 404
  const meta = { ...pickMeta(task as Partial<Record<keyof RunMeta, unknown>>), ...(gone ? { url: null } : {}) };
  const meaning = ciResultMeaning(task.status);
  const zuul = zuulBuildLink({ build_uuid: task.build_uuid }, linkBases());
  const inWords = scrapeFailureInWords(task.message);
  useTitle([
    'Could not be generated',
    meta.name,
    changeLabel({ change_project: meta.change_project, change_id: meta.change_id, revision: meta.revision }),
  ]);
  return (
    <div class="viewer errored-task">
      <RunHeader meta={meta} />
      <section class="panel wide outcome" aria-labelledby="errored-title">
        <h2 id="errored-title">This site could not be generated</h2>
        <div class="alert" role="alert">
          {inWords && <p class="error-words">{inWords}</p>}
          <p class="error-message">{task.message ?? 'The scrape failed without saying why.'}</p>
        </div>
        {task.status && (
          <p class="meaning">
            <strong>{task.status}</strong> {meaning ? `usually means: ${lowerFirst(meaning)}` : 'is the result CI reported for this job.'}
          </p>
        )}
        {task.retryable ? (
          <>
            <p>Scraping it again may work: the logs were not there yet, or the log server did not answer.</p>
            <button type="button" onClick={onRetry}>
              Retry
            </button>
          </>
        ) : gone ? (
          // its log directory would answer 404 too: not a link to offer
          <p class="look-instead">
            Scraping it again would find no logs either.{' '}
            {zuul ? (
              <>
                Zuul still shows the build’s result and timings on{' '}
                <a href={zuul} target="_blank" rel="noreferrer">
                  its build page
                </a>
                .
              </>
            ) : (
              'Nothing else of this run is kept.'
            )}
          </p>
        ) : (
          <p class="look-instead">
            Scraping it again would find the same logs. What the job left is at{' '}
            {zuul && (
              <>
                <a href={zuul} target="_blank" rel="noreferrer">
                  its Zuul build page
                </a>
                {task.url ? ' and ' : ''}
              </>
            )}
            {task.url && (
              <a href={task.url} target="_blank" rel="noreferrer">
                its log directory
              </a>
            )}
            .
          </p>
        )}
      </section>
    </div>
  );
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
