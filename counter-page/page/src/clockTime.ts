/** "HH:MM" of an epoch-ms time on this machine's clock (the counter PC is in the hall). */
const format = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

export function clockTime(epochMs: number): string {
  return format.format(epochMs);
}
