import { ArtifactFormatError, ProducedArtifact } from '../artifacts/parsers';
import { importedArtifact, jsonArtifact } from '../artifacts/parsers/stackviz/imported-artifact';
import { ImportedType, readStackVizSiteConfig } from '../artifacts/parsers/stackviz/stackviz-site-config';
import { ArtifactFetcher, FetchError, type SizeLimit } from '../fetch';

/** StackViz configs are a few kilobytes. */
const CONFIG_LIMIT: SizeLimit = { bytes: 1024 * 1024, name: 'the limit for a StackViz config.json' };

export interface ImportedSite {
  /** Each under the `artifact_name` the site gave it. */
  artifacts: (ProducedArtifact & { artifactName: string })[];
  /** Files that could not be imported, and why. */
  notes: string[];
}

/**
 * Imports the dataset of an existing StackViz site (its config.json at `configUrl`) as artifacts:
 * each listed file of the wanted `types` (all by default) is fetched, relative to the config, and
 * checked. A file that cannot be read is left out with a note; a retryable fetch failure
 * propagates, so the scrape can be retried, and so does an abort. Throws ArtifactFormatError when
 * config.json is not a StackViz config.
 */
export async function importStackVizSite(
  fetcher: ArtifactFetcher,
  configUrl: string,
  types?: readonly ImportedType[],
): Promise<ImportedSite> {
  const { text } = await fetcher.text(configUrl, CONFIG_LIMIT);
  const config = readStackVizSiteConfig(text, "the StackViz site's config.json");
  const wanted = (type: ImportedType) => !types || types.includes(type);
  const site: ImportedSite = { artifacts: [], notes: [] };
  for (const file of config.files.filter((f) => wanted(f.artifactType))) {
    try {
      const url = new URL(file.path.split('/').map(encodeURIComponent).join('/'), configUrl).toString();
      const { body } = await fetcher.open(url);
      site.artifacts.push({ ...(await importedArtifact(file.artifactType, body, file.path)), artifactName: file.artifactName });
    } catch (err) {
      // a retry may get it; an abort is the worker stopping, not the file's fault
      if (err instanceof FetchError && (err.retryable || err.kind === 'aborted')) throw err;
      if (!(err instanceof FetchError) && !(err instanceof ArtifactFormatError)) throw err;
      site.notes.push(`StackViz site file ${file.path} skipped: ${err.message}`);
    }
  }
  if (!wanted('subunit-stats')) return site;
  for (const stats of config.inlineStats)
    site.artifacts.push({ ...(await jsonArtifact('subunit-stats', Buffer.from(stats.json))), artifactName: stats.artifactName });
  if (config.skipped.length > 0) site.notes.push(`StackViz site artifacts of types not stored here left out: ${config.skipped.join(', ')}`);
  return site;
}
