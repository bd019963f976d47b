import { useEffect, useState } from 'preact/hooks';
import { count } from '../../../src/common/human-units';
import { api, messageOf } from '../api/client';
import type { FailureGroup } from '../api/types';
import { failurePath } from '../../../src/ui/ui-routes';
import { TOP_WINDOWS, formatFailuresView, parseFailuresView } from '../logic/failures-view';
import { Link, replaceSearch, useTitle } from '../router';
import { LabelledInput } from './labelled-input';

const PIPELINES = ['', 'check', 'gate', 'periodic', 'post'];

type Loaded =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; results: FailureGroup[]; searched: string | null; project: string };

/** A signature's first line, what names it in a list (the rest is on its page). */
function headline(signature: string): string {
  return signature.split('\n')[0];
}

/**
 * `/f/`: what is failing on most changes lately (the last 1, 3 or 7 days), filtered by pipeline and
 * project, or what a search finds (a pasted traceback line, a signature id, any text).
 */
export function FailuresPage() {
  const [opened] = useState(() => parseFailuresView(location.search));
  const [days, setDays] = useState<number>(opened.days);
  const [pipeline, setPipeline] = useState(opened.pipeline);
  const [project, setProject] = useState(opened.project);
  const [query, setQuery] = useState(opened.q ?? '');
  const [searched, setSearched] = useState<string | null>(opened.q);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  useTitle(['Failing most']);

  useEffect(() => {
    replaceSearch(formatFailuresView({ days, pipeline, project, q: searched }));
    const ctrl = new AbortController();
    setLoaded({ kind: 'loading' });
    const request =
      searched === null
        ? api.failuresTop(days, pipeline, project.trim(), ctrl.signal).then((r) => r.results)
        : api.failuresSearch(searched, days, project.trim(), ctrl.signal).then((r) => r.results);
    request.then(
      // an answer to a view already left is not shown
      (results) => !ctrl.signal.aborted && setLoaded({ kind: 'ready', results, searched, project: project.trim() }),
      (e) => !ctrl.signal.aborted && setLoaded({ kind: 'failed', message: messageOf(e) }),
    );
    return () => ctrl.abort();
  }, [days, pipeline, project, searched]);

  return (
    <section class="panel failures">
      <h1>What is failing most</h1>
      <p class="muted">
        Failure causes seen on the most changes, from every run scraped here. A failure is one failing test (or one job that failed outside
        its tests) in one run; a run without a change counts as a change of its own.
      </p>
      <form
        class="failure-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearched(query.trim() === '' ? null : query);
        }}
      >
        <label for="failure-q">Search: paste a traceback’s exception line, a signature id or any text</label>
        <textarea
          id="failure-q"
          rows={2}
          value={query}
          onInput={(e) => setQuery((e.target as HTMLTextAreaElement).value)}
          placeholder="Details: (ServersTestJSON:test_reboot) Server 5b2… failed to reach ACTIVE status"
        />
        <button type="submit">Search</button>
        {searched !== null && (
          <button
            type="button"
            class="link-button"
            onClick={() => {
              setQuery('');
              setSearched(null);
            }}
          >
            Show the most widespread
          </button>
        )}
      </form>
      <div class="failure-filters">
        <fieldset>
          <legend>Last</legend>
          {TOP_WINDOWS.map((d) => (
            <span key={d}>
              <input id={`failure-days-${d}`} type="radio" name="failure-days" checked={days === d} onChange={() => setDays(d)} />{' '}
              <label for={`failure-days-${d}`}>{count(d, 'day')}</label>
            </span>
          ))}
        </fieldset>
        <span>
          <label for="failure-pipeline">Pipeline</label>{' '}
          <select
            id="failure-pipeline"
            value={pipeline}
            disabled={searched !== null}
            onChange={(e) => setPipeline((e.target as HTMLSelectElement).value)}
          >
            {PIPELINES.map((p) => (
              <option key={p} value={p}>
                {p || 'any'}
              </option>
            ))}
          </select>
        </span>
        <LabelledInput
          wrap="span"
          on="change"
          id="failure-project"
          label="Project"
          value={project}
          placeholder="openstack/nova"
          onValue={setProject}
        />
      </div>
      {loaded.kind === 'loading' && <p class="muted">Loading…</p>}
      {loaded.kind === 'failed' && (
        <div class="alert" role="alert">
          {loaded.message}
        </div>
      )}
      {loaded.kind === 'ready' && <FailureTable results={loaded.results} searched={loaded.searched} project={loaded.project} />}
    </section>
  );
}

function FailureTable({ results, searched, project }: { results: FailureGroup[]; searched: string | null; project: string }) {
  if (results.length === 0) {
    const forProject = project ? ` for the project ${project} (named in full, e.g. openstack/nova)` : '';
    return (
      <p class="muted">
        {searched === null
          ? `No failure was recorded in this window${forProject}.`
          : `Nothing recorded in this window${forProject} matches.`}
      </p>
    );
  }
  return (
    <div class="table-scroll">
      <table class="failure-table">
        <caption class="sr-only">{searched === null ? 'The most widespread failure causes' : 'Failure causes found'}</caption>
        <thead>
          <tr>
            <th scope="col">Changes</th>
            <th scope="col">Failures</th>
            <th scope="col">Cause</th>
            <th scope="col" class="names-col">
              Tests and jobs
            </th>
            <th scope="col">Bug</th>
          </tr>
        </thead>
        <tbody>
          {results.map((g) => (
            <tr key={g.signature_id}>
              <td class="num">{g.changes}</td>
              <td class="num">{g.occurrences}</td>
              <td>
                <Link href={failurePath(g.signature_id)}>
                  <code>{headline(g.signature)}</code>
                </Link>
              </td>
              <td class="small names names-col">
                {g.tests.length > 0
                  ? `${g.tests[0].name}${g.tests.length > 1 ? ` and ${g.tests.length - 1} more` : ''}`
                  : 'outside the tests'}
                <br />
                <span class="muted">{g.jobs.map((j) => j.name).join(', ')}</span>
              </td>
              <td>{g.bug ? <a href={g.bug.url}>{g.bug.title}</a> : <span class="muted">none</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
