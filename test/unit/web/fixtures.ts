import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DetailsByName, StackVizTest } from '../../../web/src/data/types';

/** Artifacts converted from test/fixtures/subunit with python-subunit (fixtures/subunit-to-stackviz.py). */
export function fixture(name: string): string {
  return readFileSync(join(__dirname, 'fixtures', name), 'utf8');
}
export const rawTests = (name: string) => JSON.parse(fixture(`${name}-raw.json`)) as StackVizTest[];
export const details = (name: string) => JSON.parse(fixture(`${name}-details.json`)) as DetailsByName;
