import { describe, expect, it } from "vitest";
import { WaitingQueues, type WaitingTicket } from "../waitingQueues.ts";
import { packWaiting, unpackWaiting } from "./packedWaiting.ts";

const NOW = Date.parse("2026-03-10T10:00:00+08:00");

/** 600 tickets (past the first 256 rows, so the columns grow twice) of every class, some with a slot or a target. */
function tickets(): WaitingTicket[] {
  const classes = ["normal", "elderly", "green", "appointment"] as const;
  return Array.from({ length: 600 }, (_, i) => ({
    id: i + 1,
    itemId: (i % 7) + 1,
    priority: classes[i % 4]!,
    arrivedAt: NOW - i * 1000,
    appointmentAt: i % 4 === 3 ? NOW + i * 60_000 : null,
    targetStaffId: i % 10 === 0 ? 9 : null,
    targetWindowId: i % 15 === 0 ? 3 : null,
  }));
}

describe("packWaiting / unpackWaiting", () => {
  it("when the live waiting index is packed and unpacked, then every ticket comes back field for field", () => {
    const queues = new WaitingQueues();
    for (const t of tickets()) queues.add(t);
    const packed = packWaiting(queues);
    expect(packed.id.length).toBe(600);
    const back = new Map(unpackWaiting(packed).map((t) => [t.id, t]));
    expect(back.size).toBe(600);
    for (const t of tickets()) expect(back.get(t.id)).toEqual(t);
  });

  it("when a ticket has no slot or target, then it comes back with null, not NaN or 0", () => {
    const [t] = unpackWaiting(packWaiting([{ id: 5, itemId: 2, priority: "normal", arrivedAt: NOW }]));
    expect(t).toEqual({
      id: 5,
      itemId: 2,
      priority: "normal",
      arrivedAt: NOW,
      appointmentAt: null,
      targetStaffId: null,
      targetWindowId: null,
    });
  });

  it("when nobody waits, then the columns are empty", () => {
    expect(unpackWaiting(packWaiting([]))).toEqual([]);
  });
});
