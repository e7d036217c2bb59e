/**
 * The forecast's answer for every waiting ticket, held as columns of numbers rather than one object per ticket.
 *
 * Why columns: the forecast runs in a worker thread, and its answer crosses to the hall's event loop on every
 * recompute. A Map of 20,000 small objects costs the event loop about 25 ms to receive (structured clone, measured
 * here); five typed arrays are handed over without a copy (transferred), and a lookup is a binary search.
 */
import type { WaitForecast } from "./forecastWaits.ts";

/** The columns (the wire form): `ids` ascending; row i of every column belongs to `ids[i]`. Minutes, shares 0..1. */
export interface TicketForecastColumns {
  ids: Float64Array;
  meanMinutes: Float64Array;
  lowMinutes: Float64Array;
  highMinutes: Float64Array;
  calledShare: Float64Array;
}

/** Read-only lookup of the waiting tickets' forecasts by ticket id (see the file comment). */
export class TicketForecasts {
  /**
   * Wrap `columns` (not copied). RangeError when the columns differ in length or the ids are not strictly ascending,
   * because a lookup would then silently miss.
   */
  constructor(readonly columns: TicketForecastColumns) {
    const { ids } = columns;
    for (const [name, column] of Object.entries(columns) as [string, Float64Array][])
      if (column.length !== ids.length)
        throw new RangeError(`forecast column ${name} has ${column.length} rows, ids has ${ids.length}`);
    for (let i = 1; i < ids.length; i++)
      if (!(ids[i]! > ids[i - 1]!)) throw new RangeError(`forecast ids must ascend: ${ids[i - 1]} then ${ids[i]}`);
  }

  /** Columns of `size` rows, every row unset (NaN), for the forecast to fill in ascending id order. */
  static empty(size: number): TicketForecastColumns {
    const column = () => new Float64Array(size).fill(Number.NaN);
    return {
      ids: column(),
      meanMinutes: column(),
      lowMinutes: column(),
      highMinutes: column(),
      calledShare: column(),
    };
  }

  get size(): number {
    return this.columns.ids.length;
  }

  /** Whether ticket `id` was waiting at the forecast. */
  has(id: number): boolean {
    return this.#indexOf(id) >= 0;
  }

  /** The forecast of ticket `id`, or undefined when it was not waiting at the forecast. */
  get(id: number): WaitForecast | undefined {
    const at = this.#indexOf(id);
    return at < 0 ? undefined : this.#row(at);
  }

  /** Every ticket's forecast, in ascending id order. */
  *entries(): IterableIterator<[number, WaitForecast]> {
    for (let i = 0; i < this.size; i++) yield [this.columns.ids[i]!, this.#row(i)];
  }

  /** The buffers to transfer to another thread (the sender's copy becomes unusable). */
  transferList(): ArrayBuffer[] {
    return Object.values(this.columns).map((c: Float64Array) => c.buffer as ArrayBuffer);
  }

  #row(i: number): WaitForecast {
    const c = this.columns;
    return {
      meanMinutes: c.meanMinutes[i]!,
      lowMinutes: c.lowMinutes[i]!,
      highMinutes: c.highMinutes[i]!,
      calledShare: c.calledShare[i]!,
    };
  }

  #indexOf(id: number): number {
    const { ids } = this.columns;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid]!;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
