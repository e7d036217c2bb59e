import { describe, expect, it } from "vitest";
import { gridColumns, LANDSCAPE_GRID_ASPECT, PORTRAIT_GRID_ASPECT } from "./windowGrid.ts";

describe("window grid columns", () => {
  it("when a hall has 12 windows, then landscape shows 4 × 3 and portrait 3 × 4", () => {
    expect(gridColumns(12, LANDSCAPE_GRID_ASPECT)).toBe(4);
    expect(gridColumns(12, PORTRAIT_GRID_ASPECT)).toBe(3);
  });

  it("when a hall has few windows, then they stand in one row on a landscape screen", () => {
    expect(gridColumns(1, LANDSCAPE_GRID_ASPECT)).toBe(1);
    expect(gridColumns(3, LANDSCAPE_GRID_ASPECT)).toBe(3);
  });

  it("when a hall has many windows, then every window still gets a tile", () => {
    for (const n of [20, 30, 48]) {
      const cols = gridColumns(n, LANDSCAPE_GRID_ASPECT);
      expect(cols).toBeGreaterThan(1);
      expect(cols).toBeLessThanOrEqual(n);
      expect(cols * Math.ceil(n / cols)).toBeGreaterThanOrEqual(n);
    }
  });

  it("when given no windows, then one column", () => {
    expect(gridColumns(0, LANDSCAPE_GRID_ASPECT)).toBe(1);
  });
});
