import { isJsonObject } from '../is-json-object';
import { ArtifactFormatError } from '../produced-artifact';

/** The artifact types a StackViz dataset holds that this service stores. */
export type ImportedType = 'subunit' | 'subunit-stats' | 'subunit-details' | 'dstat';
const IMPORTED = new Set<string>(['subunit', 'subunit-stats', 'subunit-details', 'dstat']);

/** A file of the dataset, `path` relative to the folder config.json is in. */
export interface DatasetFile {
  path: string;
  artifactName: string;
  artifactType: ImportedType;
}

export interface StackVizSiteConfig {
  files: DatasetFile[];
  /** Before 2016-02, stats were written into config.json itself: their JSON text. */
  inlineStats: { artifactName: string; json: string }[];
  /** Listed artifacts of other types, left out. */
  skipped: string[];
}

/**
 * Reads the `config.json` of a StackViz site (what `stackviz-export` writes into the site's
 * `data/` folder):
 *
 * - since 2016-02: `{"deployer": false, "datasets": [{"name", "url", "status", "ci_username",
 *   "pipeline", "change_id", "revision", "change_project", "change_subject",
 *   "artifacts": [{"path", "artifact_name", "artifact_type", "content_type", "primary",
 *   "content_encoding"?}]}]}`, one `subunit`, `subunit-details` and `subunit-stats` per stream
 *   (`<provider>-<n>-raw.json`, `-details.json`, `-stats.json`, `.gz` with `--gzip`) and a
 *   `dstat` (`dstat.csv`); `artifact_name` is the stream provider's name (`stdin` for devstack's
 *   `cat testrepository.subunit | stackviz-export --stdin`) or the dstat file's;
 * - before: `{"tempest": [{"id", "name", "raw", "tree", "details", "stats": {…}, "dstat"?}]}`, with
 *   the stats inline and the dstat path on each entry.
 *
 * Throws ArtifactFormatError when the text is not such a config.
 */
export function readStackVizSiteConfig(text: string, fileName: string): StackVizSiteConfig {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ArtifactFormatError(`${fileName} is not JSON (${(err as Error).message})`);
  }
  if (!isJsonObject(doc)) throw new ArtifactFormatError(`${fileName} is not a StackViz config: it is not a JSON object`);
  if (Array.isArray(doc.datasets)) return fromDatasets(doc.datasets, fileName);
  if (Array.isArray(doc.tempest)) return fromTempestEntries(doc.tempest, doc.dstat);
  throw new ArtifactFormatError(`${fileName} is not a StackViz config: it has neither "datasets" nor "tempest"`);
}

function fromDatasets(datasets: unknown[], fileName: string): StackVizSiteConfig {
  const config: StackVizSiteConfig = { files: [], inlineStats: [], skipped: [] };
  for (const dataset of datasets) {
    const artifacts = isJsonObject(dataset) ? dataset.artifacts : undefined;
    if (!Array.isArray(artifacts)) throw new ArtifactFormatError(`${fileName} is not a StackViz config: a dataset has no "artifacts" list`);
    for (const a of artifacts) {
      if (!isJsonObject(a) || typeof a.path !== 'string' || typeof a.artifact_type !== 'string') {
        throw new ArtifactFormatError(`${fileName} is not a StackViz config: an artifact has no "path" or "artifact_type"`);
      }
      const name = typeof a.artifact_name === 'string' ? a.artifact_name : a.path;
      if (IMPORTED.has(a.artifact_type))
        config.files.push({ path: a.path, artifactName: name, artifactType: a.artifact_type as ImportedType });
      else config.skipped.push(`${a.path} (${a.artifact_type})`);
    }
  }
  return config;
}

function fromTempestEntries(entries: unknown[], topDstat: unknown): StackVizSiteConfig {
  const config: StackVizSiteConfig = { files: [], inlineStats: [], skipped: [] };
  const dstats = new Set<string>(typeof topDstat === 'string' ? [topDstat] : []);
  for (const entry of entries) {
    if (!isJsonObject(entry)) continue;
    const name = typeof entry.name === 'string' ? entry.name : 'tempest';
    if (typeof entry.raw === 'string') config.files.push({ path: entry.raw, artifactName: name, artifactType: 'subunit' });
    if (typeof entry.details === 'string') config.files.push({ path: entry.details, artifactName: name, artifactType: 'subunit-details' });
    if (typeof entry.stats === 'string') config.files.push({ path: entry.stats, artifactName: name, artifactType: 'subunit-stats' });
    else if (isJsonObject(entry.stats)) config.inlineStats.push({ artifactName: name, json: JSON.stringify(entry.stats) });
    if (typeof entry.dstat === 'string') dstats.add(entry.dstat);
  }
  for (const path of dstats) config.files.push({ path, artifactName: 'dstat', artifactType: 'dstat' });
  return config;
}
