import type { RunMeta } from '../data/types';
import { linkBases } from '../link-bases';
import { gerritLink, resultClass, zuulBuildLink } from '../logic/results';

/** A run's job, CI result, project and branch, change, pipeline and links out: the head of its site, whether or not it could be generated. */
export function RunHeader({ meta: m }: { meta: RunMeta }) {
  const bases = linkBases();
  const change = { change_id: m.change_id as number | null, change_project: m.change_project, revision: m.revision as number | null };
  const gerrit = gerritLink(change, bases);
  const zuul = zuulBuildLink({ build_uuid: m.build_uuid }, bases);
  return (
    <header class="run-header">
      <h1>
        {m.name ?? 'Test run'}
        {m.status && <span class={`result ${resultClass(m.status)}`}>{m.status}</span>}
      </h1>
      <p class="run-meta">
        {m.change_project && <span>{m.change_project}</span>}
        {m.branch && <span class="branch">{m.branch} branch</span>}
        {gerrit && (
          <a href={gerrit} target="_blank" rel="noreferrer">
            change {String(m.change_id)}
            {m.revision != null ? `,${String(m.revision)}` : ''}
          </a>
        )}
        {m.pipeline && <span>{m.pipeline} pipeline</span>}
        {zuul && (
          <a href={zuul} target="_blank" rel="noreferrer">
            Zuul build
          </a>
        )}
        {m.url && (
          <a href={m.url} target="_blank" rel="noreferrer">
            raw logs
          </a>
        )}
      </p>
      {m.change_subject && <p class="subject">{m.change_subject}</p>}
    </header>
  );
}
