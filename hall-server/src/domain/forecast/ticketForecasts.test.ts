import { describe, expect, it } from "vitest";
import { TicketForecasts } from "./ticketForecasts.ts";

function forecasts(ids: number[]): TicketForecasts {
  const c = TicketForecasts.empty(ids.length);
  ids.forEach((id, i) => {
    c.ids[i] = id;
    c.meanMinutes[i] = id * 2;
    c.lowMinutes[i] = id;
    c.highMinutes[i] = id * 3;
    c.calledShare[i] = 1;
  });
  return new TicketForecasts(c);
}

describe("TicketForecasts", () => {
  it("when a ticket is looked up, then its own row answers, and a ticket not in it is undefined", () => {
    const f = forecasts([2, 9, 10, 11, 400, 401]);
    for (const id of [2, 9, 10, 11, 400, 401]) {
      expect(f.has(id)).toBe(true);
      expect(f.get(id)).toEqual({ meanMinutes: id * 2, lowMinutes: id, highMinutes: id * 3, calledShare: 1 });
    }
    for (const id of [0, 1, 3, 12, 399, 402]) {
      expect(f.has(id)).toBe(false);
      expect(f.get(id)).toBeUndefined();
    }
    expect([...f.entries()].map(([id]) => id)).toEqual([2, 9, 10, 11, 400, 401]);
    expect(f.size).toBe(6);
  });

  it("when the ids do not ascend or a column is short, then it refuses (a lookup would silently miss)", () => {
    expect(() => forecasts([1, 3, 2])).toThrow(/ascend: 3 then 2/);
    expect(() => forecasts([1, 1])).toThrow(/ascend/);
    const short = TicketForecasts.empty(3);
    short.ids.set([1, 2, 3]);
    expect(() => new TicketForecasts({ ...short, highMinutes: new Float64Array(2) })).toThrow(/highMinutes has 2 rows/);
  });
});
