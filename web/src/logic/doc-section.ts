/** A paragraph or a table of a Markdown document, as the UI shows documentation (docs/api.md) itself. */
export type DocBlock = { kind: 'p'; text: string } | { kind: 'table'; head: string[]; rows: string[][] };

const HEADING = /^(#{1,6}) /;

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());
}

/**
 * The paragraphs and tables of one section of a Markdown document: from the line `heading` to the
 * next heading of the same or a higher level (its subsections' headings left out). Empty when the
 * document has no such heading.
 */
export function docSection(markdown: string, heading: string): DocBlock[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.indexOf(heading);
  if (start < 0) return [];
  const level = HEADING.exec(heading)?.[1].length ?? 6;
  const blocks: DocBlock[] = [];
  let paragraph: string[] = [];
  let table: string[][] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'p', text: paragraph.join(' ') });
    if (table.length > 0) blocks.push({ kind: 'table', head: table[0], rows: table.slice(2) });
    paragraph = [];
    table = [];
  };
  for (const line of lines.slice(start + 1)) {
    const h = HEADING.exec(line);
    if (h && h[1].length <= level) break;
    if (h) {
      flush(); // a subsection's heading only separates blocks here
    } else if (line.trimStart().startsWith('|')) {
      if (paragraph.length > 0) flush();
      table.push(cells(line));
    } else if (line.trim() === '') {
      flush();
    } else {
      if (table.length > 0) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

/** Inline Markdown as the UI renders it: `code` spans, the rest as text. */
export function inlineParts(text: string): { code: boolean; text: string }[] {
  return text
    .split(/(`[^`]+`)/)
    .filter((part) => part !== '')
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length > 1 ? { code: true, text: part.slice(1, -1) } : { code: false, text: part },
    );
}
