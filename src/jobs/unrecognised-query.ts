import type { HostList } from '../config/host-list';
import type { QueryOrigins, UrlResemblance } from './query-parser';

/**
 * The 400 for a `/list` query that names nothing: at most two sentences saying what was recognised
 * and what to paste instead. The full list of accepted forms is docs/api.md's ("What `q` may be"),
 * which the UI links to beside this message.
 */

const CHANGE_ID = /^I[0-9a-f]{40}$/i;
/** Digits and the separators of `change,ps` and `change/ps`: a change number gone wrong. */
const NUMBERISH = /^[\d\s.,/+-]+$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const GITHUB = /(^|\.)github\.com$/i;

function shown(q: string): string {
  return q.length > 80 ? `${q.slice(0, 80)}…` : q;
}

function hostsOf(...lists: (HostList | string)[]): string {
  const hosts = lists.flatMap((l) => (typeof l === 'string' ? [new URL(l).host] : l.raw));
  return [...new Set(hosts)].join(', ');
}

function notUrl(q: string): string {
  if (CHANGE_ID.test(q))
    return `"${q}" is a Gerrit Change-Id, which this service cannot look up. Paste the change's number or its URL instead.`;
  if (NUMBERISH.test(q)) {
    return `"${shown(q)}" is not a change number or a change and patch set. Write them as 271726, or 271726,2 (or 271726/2) for patch set 2; both count from 1.`;
  }
  if (SCHEME.test(q))
    return `Only http(s) URLs can be looked up, and "${shown(q)}" is not one. Paste the http(s) URL of a change, a Zuul build or a log folder.`;
  return `"${shown(q)}" is neither a change number nor a URL. Paste a change number (271726), a change and patch set (271726,2), or a Gerrit change, Zuul build or CI log URL.`;
}

/** A URL on a host of ours whose path names nothing there. */
function unknownPath(host: NonNullable<UrlResemblance['host']>, o: QueryOrigins): string {
  switch (host) {
    case 'gerrit':
      return `This Gerrit URL names no change. Paste a change's URL (${o.gerritUrl}/c/<project>/+/<number>) or its number.`;
    case 'zuul':
      return `This Zuul page is not a build or a buildset. Paste the page of one build (${o.zuulUrl}/t/${o.zuulTenant}/build/<uuid>) or of its buildset.`;
    case 'legacy-logs':
      return `This log URL is not inside one build's log folder. Paste a build's folder (${o.legacyLogsUrl}/<NN>/<change>/<ps>/<pipeline>/<job>/<hash>/) or any file in it.`;
    case 'artifacts':
      return "This log URL is not inside one build's log folder. Paste a build's folder (…/<tenant>/<build uuid>/ or …/<change>/<ps>/<pipeline>/<job>/<hash>/) or any file in it.";
  }
}

/** A URL on a host that is none of ours: what it looks like, and what would work instead. */
function foreignHost(u: URL, looks: UrlResemblance, o: QueryOrigins): string {
  const change = looks.change === null ? null : `the change number (${looks.change})`;
  switch (looks.path) {
    case 'gerrit-change':
      return (
        `${u.host} is not a Gerrit host this service accepts: it accepts ${hostsOf(o.gerritUrl, o.gerritHosts)}, ` +
        `set by GERRIT_HOSTS (which replaces the default list). Paste ${change ?? "the change's number"} instead.`
      );
    case 'zuul-page':
      return `${u.host} is not the Zuul this service reads (ZUUL_URL: ${o.zuulUrl}). Paste the change number, or the build's page on ${new URL(o.zuulUrl).host}.`;
    case 'log-folder':
      return (
        `${u.host} is not a log server this service fetches from (ARTIFACT_HOSTS: ${hostsOf(o.artifactHosts)}). ` +
        `Paste ${change ?? "the build's Zuul page"} instead, or a log URL on one of those hosts.`
      );
    case null:
      if (GITHUB.test(u.hostname)) {
        return `GitHub URLs cannot be looked up: this service reads OpenStack's Gerrit (${new URL(o.gerritUrl).host}) and Zuul (${new URL(o.zuulUrl).host}). Paste the Gerrit change's number or URL instead.`;
      }
      return (
        `${u.host} is none of the hosts this service reads: Gerrit (${hostsOf(o.gerritUrl, o.gerritHosts)}), Zuul (${new URL(o.zuulUrl).host}) ` +
        `and the log servers in ARTIFACT_HOSTS (${hostsOf(o.artifactHosts)}). Paste a change number, or a change, build or log URL on one of those.`
      );
  }
}

/** `url` is the query read as an http(s) URL, with what it resembles; null when it is none. */
export function unrecognisedQuery(q: string, url: (UrlResemblance & { url: URL }) | null, o: QueryOrigins): string {
  if (url === null) return notUrl(q);
  return url.host === null ? foreignHost(url.url, url, o) : unknownPath(url.host, o);
}
