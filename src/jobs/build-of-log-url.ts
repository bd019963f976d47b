import { BuildsFilter, ZuulBuild, ZuulClient } from '../gerrit/zuul-client';
import { sameLogDir } from './job-links';
import { JobQuery } from './query-parser';

/** A log URL whose path names its build: by uuid, or by what a builds query can filter on and a 7-hex prefix. */
export type LogUrlQuery = Extract<JobQuery, { kind: 'modern-log' | 'modern-log-build' | 'periodic-log' | 'ref-log' }>;

/** The builds query a log URL's path allows. */
function buildsFilter(query: Exclude<LogUrlQuery, { kind: 'modern-log-build' }>): BuildsFilter {
  switch (query.kind) {
    case 'modern-log':
      return { change: query.change, patchset: query.patchSet, pipeline: query.pipeline, job_name: query.job };
    case 'periodic-log':
      return { project: query.project, branch: query.branch, pipeline: query.pipeline, job_name: query.job };
    case 'ref-log':
      return { newrev: query.newrev, pipeline: query.pipeline, job_name: query.job };
  }
}

/**
 * The Zuul build that wrote the logs at a log URL, or undefined when Zuul has none. A URL with the
 * build's uuid is one build request; any other is one builds query, matched on the log directory
 * first (several builds of a job can share the 7-hex prefix), then on the prefix.
 */
export async function buildOfLogUrl(zuul: ZuulClient, tenant: string, query: LogUrlQuery): Promise<ZuulBuild | undefined> {
  if (query.kind === 'modern-log-build') return zuul.build(query.tenant, query.uuid);
  const candidates = await zuul.builds(tenant, buildsFilter(query));
  return (
    candidates.find((b) => b.logUrl !== null && sameLogDir(b.logUrl, query.url)) ?? candidates.find((b) => b.uuid.startsWith(query.hash))
  );
}
