/**
 * How many columns the window grid gets: the count that makes the ticket numbers largest. A number's size follows
 * its tile (34 % of the tile's height or 30 % of its width, whichever is smaller: hallScreen.css), so each column
 * count is scored by that size and the largest wins; a tie goes to the fewer empty cells in the last row.
 */

/** Columns for `windows` tiles in an area `aspect` times as wide as it is high (> 0). */
export function gridColumns(windows: number, aspect: number): number {
  const n = Math.max(1, Math.floor(windows));
  let best = { cols: 1, size: -1, empty: Infinity };
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    const size = Math.min(0.34 / rows, (0.3 * aspect) / cols);
    const empty = rows * cols - n;
    // Sizes within 1 % count as equal: then the fuller grid looks better.
    if (size > best.size * 1.01 || (size >= best.size * 0.99 && empty < best.empty)) best = { cols, size, empty };
  }
  return best.cols;
}

/** The grid area's shape on a landscape screen (beside the latest calls) and on a portrait one (full width). */
export const LANDSCAPE_GRID_ASPECT = 1.85;
export const PORTRAIT_GRID_ASPECT = 0.95;
