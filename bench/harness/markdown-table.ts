/** Renders a Markdown table; the first column is left-aligned, the others right-aligned. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const align = header.map((_, i) => (i === 0 ? ':--' : '--:'));
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** Formats nanoseconds for a table cell. */
export function formatNs(ns: number): string {
  return ns >= 100 ? ns.toFixed(0) : ns.toFixed(1);
}

/** Formats a ratio for a table cell. */
export function formatRatio(ratio: number): string {
  return ratio >= 100 ? `${ratio.toFixed(0)}×` : `${ratio.toFixed(2)}×`;
}
