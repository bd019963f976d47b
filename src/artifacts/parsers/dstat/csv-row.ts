// Pure string code: also bundled into the web UI.

/** Splits one CSV line into cells (the first `maxCells` only); quoted cells may contain commas and doubled quotes. */
export function splitCsvRow(line: string, maxCells = Infinity): string[] {
  const cells: string[] = [];
  let i = 0;
  while (cells.length < maxCells) {
    if (line[i] === '"') {
      let cell = '';
      i++;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote === -1) {
          cell += line.slice(i);
          i = line.length;
          break;
        }
        cell += line.slice(i, quote);
        i = quote + 1;
        if (line[i] === '"') {
          cell += '"';
          i++;
        } else break;
      }
      const comma = line.indexOf(',', i);
      cells.push(cell);
      if (comma === -1) return cells;
      i = comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      if (comma === -1) {
        cells.push(line.slice(i));
        return cells;
      }
      cells.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
  return cells;
}
