export interface Column {
  header: string;
  /** Numbers read best right-aligned, so their digits line up. */
  align?: 'left' | 'right';
}

/** A plain-text table with a rule under the header; wide enough for its longest cell. */
export function formatTable(columns: Column[], rows: string[][]): string {
  const widths = columns.map((column, i) => Math.max(column.header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (columns[i].align === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.header)), widths.map((width) => '─'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** 12,345 rather than 12345.678: benchmark noise makes more digits meaningless. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en');
}

/** autocannon records whole milliseconds: decimals on its percentiles would be invented. */
export function formatMs(value: number): string {
  return formatCount(value);
}

/** Two significant digits below 0.1, so a scenario at 0.004× does not read as zero. */
export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return `${value === 0 || value >= 0.1 ? value.toFixed(2) : value.toPrecision(2)}×`;
}
