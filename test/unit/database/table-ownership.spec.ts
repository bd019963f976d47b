import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const REPO = join(__dirname, '../../..');

/** Each table, its entity and the one folder whose module reads and writes it. */
const OWNERS = [
  { table: 'tasks', entity: 'TaskEntity', folder: 'src/tasks' },
  { table: 'artifacts', entity: 'ArtifactEntity', folder: 'src/artifacts' },
  { table: 'artifact_chunks', entity: 'ArtifactChunkEntity', folder: 'src/artifacts' },
  { table: 'insights', entity: 'InsightEntity', folder: 'src/insight' },
  { table: 'insight_runs', entity: 'InsightRunEntity', folder: 'src/insight' },
  { table: 'insight_tests', entity: 'InsightTestEntity', folder: 'src/insight' },
  { table: 'failure_signatures', entity: '-', folder: 'src/failures' },
  { table: 'failure_build_signatures', entity: '-', folder: 'src/failures' },
  { table: 'failure_build_tests', entity: '-', folder: 'src/failures' },
  { table: 'failure_rules', entity: '-', folder: 'src/failures' },
  { table: 'failure_backfill', entity: '-', folder: 'src/failures' },
  { table: 'failure_test_name_purges', entity: '-', folder: 'src/failures' },
];
/** Where every table is defined: the entities and the migrations. */
const SCHEMA = 'src/database';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const files = sources(join(REPO, 'src')).map((path) => ({ path: relative(REPO, path), text: readFileSync(path, 'utf8') }));
const within = (path: string, folder: string) => path.startsWith(`${folder}/`);

/** The entities a file imports as values (to query with), not as types. */
function entityValueImports(text: string): string[] {
  const imports = [...text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'[^']*database\/entities'/g)];
  return imports
    .filter(([, typeOnly]) => !typeOnly)
    .flatMap(([, , names]) => names.split(',').map((n) => n.trim()))
    .filter((n) => n !== '' && !n.startsWith('type '));
}

describe('each module reads its own tables', () => {
  it('an entity is used as a value (a repository, a query) only in its own module', () => {
    const strays = files.flatMap(({ path, text }) =>
      entityValueImports(text)
        .map((entity) => OWNERS.find((o) => o.entity === entity))
        .filter((o) => o !== undefined && !within(path, o.folder) && !within(path, SCHEMA))
        .map((o) => `${path} uses ${o!.entity} (${o!.folder})`),
    );
    expect(strays).toEqual([]);
  });

  it('SQL names a table only in its own module', () => {
    const strays = files.flatMap(({ path, text }) =>
      OWNERS.filter((o) => !within(path, o.folder) && !within(path, SCHEMA))
        .filter((o) => new RegExp(`\\b(FROM|JOIN|INTO|UPDATE)\\s+${o.table}\\b`).test(text))
        .map((o) => `${path} names ${o.table} (${o.folder})`),
    );
    expect(strays).toEqual([]);
  });
});
