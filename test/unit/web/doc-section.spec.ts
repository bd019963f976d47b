import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { docSection, inlineParts } from '../../../web/src/logic/doc-section';

const API_MD = readFileSync(join(__dirname, '../../../docs/api.md'), 'utf8');

describe("docSection: docs/api.md's list of accepted queries, which /help shows", () => {
  const blocks = docSection(API_MD, '### What `q` may be');
  const tables = blocks.filter((b) => b.kind === 'table');

  it('finds the forms table and the table of what the 400 says, and stops at the next heading', () => {
    expect(tables.map((t) => t.head)).toEqual([
      ['form', 'example', 'lists'],
      ['query', 'the 400 says'],
    ]);
    const forms = tables[0].rows.map((r) => r[0]);
    expect(forms).toEqual(expect.arrayContaining(['change number', 'legacy log URL (or a file below it)', 'Zuul build or buildset page']));
    expect(forms.length).toBeGreaterThanOrEqual(10);
    expect(blocks.some((b) => b.kind === 'p' && b.text.startsWith('One per CI job result'))).toBe(false);
  });

  it('reads a small Markdown document: paragraphs joined, table rows split into cells', () => {
    const md = [
      '## A',
      'intro',
      'text',
      '',
      '### B',
      '',
      'one',
      'two',
      '| x | y |',
      '| --- | --- |',
      '| `a` | b |',
      'after',
      '### C',
      'no',
    ].join('\n');
    expect(docSection(md, '### B')).toEqual([
      { kind: 'p', text: 'one two' },
      { kind: 'table', head: ['x', 'y'], rows: [['`a`', 'b']] },
      { kind: 'p', text: 'after' },
    ]);
    expect(docSection(md, '## A').at(-1)).toEqual({ kind: 'p', text: 'no' });
    expect(docSection(md, '### Z')).toEqual([]);
  });

  it('splits out code spans', () => {
    expect(inlineParts('a `q` and `x,y`.')).toEqual([
      { code: false, text: 'a ' },
      { code: true, text: 'q' },
      { code: false, text: ' and ' },
      { code: true, text: 'x,y' },
      { code: false, text: '.' },
    ]);
  });
});
