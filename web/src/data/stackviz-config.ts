import { pickMeta } from './run-data';
import type { RunMeta } from './types';

export interface StackvizArtifact {
  path: string;
  artifact_name: string;
  artifact_type: string;
}

export interface StackvizConfig {
  deployer?: boolean;
  datasets?: (Partial<Record<keyof RunMeta, unknown>> & { artifacts?: StackvizArtifact[] })[];
  /** Pre-2016 exports: `{tempest: [{raw, details, stats}], dstat}`. */
  tempest?: { name?: string; raw?: string; details?: string; stats?: string }[];
  dstat?: string;
}

/** The artifacts of a `config.json` as `stackviz-export` writes it; paths are relative to the file. */
export function stackvizArtifacts(config: StackvizConfig): { meta: RunMeta; artifacts: StackvizArtifact[] } {
  const dataset = config.datasets?.[0];
  if (dataset) return { meta: pickMeta(dataset), artifacts: dataset.artifacts ?? [] };
  const legacy: StackvizArtifact[] = [];
  for (const t of config.tempest ?? []) {
    const name = t.name ?? 'tempest';
    if (t.raw) legacy.push({ path: t.raw, artifact_name: name, artifact_type: 'subunit' });
    if (t.details) legacy.push({ path: t.details, artifact_name: name, artifact_type: 'subunit-details' });
    if (t.stats) legacy.push({ path: t.stats, artifact_name: name, artifact_type: 'subunit-stats' });
  }
  if (config.dstat) legacy.push({ path: config.dstat, artifact_name: 'dstat', artifact_type: 'dstat' });
  return { meta: pickMeta({}), artifacts: legacy };
}
