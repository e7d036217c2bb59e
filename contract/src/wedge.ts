/**
 * Keyboard-wedge barcode scanners type what they read as keystrokes and press Enter. A page tells a scan from a
 * person typing by speed: a scanner sends a key every few milliseconds, a person every 100 ms or more. Pure: feed
 * it each key with its time (KeyboardEvent.key and event.timeStamp), it answers the scanned text at Enter.
 *
 *   key, at --> gap <= maxGapMs ? buffer += key : buffer = key --Enter--> buffer.length >= minLength ? scan : nothing
 */

export interface WedgeOptions {
  /** Longest pause between two keys of one scan, ms (default 50: scanners send a key every 2-20 ms). */
  readonly maxGapMs?: number;
  /** Fewest characters a scan has (default 4): a fast double key press is not a scan. */
  readonly minLength?: number;
  /** Most characters kept (default 256): a stuck key cannot grow the buffer without end. */
  readonly maxLength?: number;
}

/** Detects scans among keystrokes. One per page; not shared between input fields. */
export class WedgeDetector {
  private buffer = "";
  private last: number | undefined;
  private readonly maxGapMs: number;
  private readonly minLength: number;
  private readonly maxLength: number;

  constructor(options: WedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 50;
    this.minLength = options.minLength ?? 4;
    this.maxLength = options.maxLength ?? 256;
  }

  /**
   * Feed one key (`KeyboardEvent.key`: a single character, or a name such as "Enter" or "Shift") pressed at `at` ms.
   * Returns the scanned text when this Enter ends a scan, else undefined. Named keys other than Enter (Shift for
   * capitals) are ignored without breaking a scan.
   */
  key(key: string, at: number): string | undefined {
    const fast = this.last !== undefined && at - this.last <= this.maxGapMs;
    this.last = at;
    if (key === "Enter") {
      const text = fast ? this.buffer : "";
      this.buffer = "";
      return text.length >= this.minLength ? text : undefined;
    }
    if (Array.from(key).length !== 1) return undefined;
    if (!fast) this.buffer = "";
    if (this.buffer.length < this.maxLength) this.buffer += key;
    return undefined;
  }

  /** Forget any keys so far (e.g. the page changed screens). */
  reset(): void {
    this.buffer = "";
    this.last = undefined;
  }
}
