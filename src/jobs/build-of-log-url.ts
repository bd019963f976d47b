import { ZuulBuild, ZuulClient } from '../gerrit/zuul-client';
import { sameLogDir } from './job-links';
import { JobQuery } from './query-parser';

/** A log URL whose path names its build (`…/<change>/<ps>/<pipeline>/<job>/<hash7>/` or `…/<tenant>/<uuid>/`). */
export type LogUrlQuery = Extract<JobQuery, { kind: 'modern-log' | 'modern-log-build' }>;

/**
 * The Zuul build that wrote the logs at a modern log URL, or undefined when Zuul has none. A URL
 * with the build's uuid is one build request; one with change, patch set, pipeline, job and a
 * 7-hex prefix is one builds query for that job, matched on the log directory first (several
 * builds of a job can share the prefix), then on the prefix.
 */
export async function buildOfLogUrl(zuul: ZuulClient, tenant: string, query: LogUrlQuery): Promise<ZuulBuild | undefined> {
  if (query.kind === 'modern-log-build') return zuul.build(query.tenant, query.uuid);
  const candidates = await zuul.builds(tenant, {
    change: query.change,
    patchset: query.patchSet,
    pipeline: query.pipeline,
    job_name: query.job,
  });
  return (
    candidates.find((b) => b.logUrl !== null && sameLogDir(b.logUrl, query.url)) ?? candidates.find((b) => b.uuid.startsWith(query.hash))
  );
}
