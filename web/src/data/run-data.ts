import { toTestRecords } from '../logic/tests';
import { toConsoleModel, type ConsoleModel } from './console-model';
import { toDstatSeries } from './dstat';
import type { DetailsByName, MemoryLowPoints, PerformanceReport, StackVizStats, StackVizTest, RunData, RunMeta } from './types';

/** One artifact as any source lists it, with a way to read its (decoded) text. */
export interface ArtifactHandle {
  type: string;
  name: string;
  text(): Promise<string>;
}

export const EMPTY_META: RunMeta = {
  change_id: null,
  change_project: null,
  change_subject: null,
  name: null,
  pipeline: null,
  revision: null,
  status: null,
  url: null,
  build_uuid: null,
  ci_username: null,
};

export function pickMeta(source: Partial<Record<keyof RunMeta, unknown>>): RunMeta {
  const meta: Record<string, unknown> = { ...EMPTY_META };
  for (const key of Object.keys(EMPTY_META)) {
    const v = source[key as keyof RunMeta];
    if (v !== undefined) meta[key] = v;
  }
  return meta as unknown as RunMeta;
}

/**
 * Reads every artifact a run lists into the viewer's model. Several subunit artifacts (StackViz
 * exports one per stream) are merged. An artifact that fails to load is reported in `problems`,
 * never fatal: the viewer shows what it has.
 */
export async function loadRunData(
  meta: RunMeta,
  artifacts: readonly ArtifactHandle[],
  notes: { warnings?: string[]; message?: string | null } = {},
): Promise<RunData> {
  const raw: StackVizTest[] = [];
  const details: DetailsByName = {};
  let stats: StackVizStats | null = null;
  let dstatCsv: string | null = null;
  let consoleModel: ConsoleModel | null = null;
  let performance: PerformanceReport | null = null;
  let memory: MemoryLowPoints | null = null;
  const problems: string[] = [];

  await Promise.all(
    artifacts.map(async (a) => {
      try {
        switch (a.type) {
          case 'subunit':
            raw.push(...(JSON.parse(await a.text()) as StackVizTest[]));
            break;
          case 'subunit-details':
            Object.assign(details, JSON.parse(await a.text()) as DetailsByName);
            break;
          case 'subunit-stats':
            stats ??= JSON.parse(await a.text()) as StackVizStats;
            break;
          case 'dstat':
            dstatCsv = await a.text();
            break;
          case 'console':
            consoleModel = toConsoleModel(JSON.parse(await a.text()) as Parameters<typeof toConsoleModel>[0]);
            break;
          case 'performance':
            performance = JSON.parse(await a.text()) as PerformanceReport;
            break;
          case 'memory-tracker':
            memory = JSON.parse(await a.text()) as MemoryLowPoints;
            break;
          default:
            return;
        }
      } catch (e) {
        problems.push(`${a.type} artifact ${a.name} could not be read: ${(e as Error).message}`);
      }
    }),
  );

  const tests = toTestRecords(raw);
  const dstat = dstatCsv ? toDstatSeries(dstatCsv) : null;
  if (dstatCsv && !dstat) problems.push('the dstat artifact has no rows this viewer understands');
  const durationsOnly = tests.length > 0 && tests.every((t) => !t.timed);
  return {
    meta,
    tests,
    details,
    stats,
    dstat,
    console: consoleModel,
    performance,
    memory,
    problems,
    warnings: notes.warnings ?? [],
    message: notes.message ?? null,
    durationsOnly,
  };
}
