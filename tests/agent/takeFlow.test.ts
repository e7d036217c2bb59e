/**
 * The take flow end to end, in one process: a real hall-server on port 0, a station agent with a virtual printer and
 * ID-card reader on socat PTY pairs, a page client speaking the sealed protocol. Every printed ticket is decoded from
 * the virtual printer's bytes and compared with the server's record; the ledger explains every number.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idcard } from "@onewindow/drivers";
import type { TicketLedger, TicketStatus } from "@onewindow/contract";
import type { TestHall } from "../../hall-server/src/testing/testHall.ts";
import { ticketFacts } from "../../station-agent/src/ticket/ticketFacts.ts";
import { ENQUIRY, startKiosk, startLooseHall, until, type InProcessKiosk } from "./agentHarness.ts";

let hall: TestHall;
let kiosk: InProcessKiosk;
let supervisor: string;
const started = Date.now();

beforeAll(async () => {
  hall = await startLooseHall();
  supervisor = await hall.login("GW002");
  kiosk = await startKiosk(hall, {
    patch: {
      devices: {
        printer: { profile: "generic-80", link: { kind: "virtual" } },
        idCardReader: { link: { kind: "virtual" } },
        scanner: { link: { kind: "virtual" } },
      },
    },
  });
  await until("the printer connected", () => kiosk.agent.devices.printer?.health.state === "connected");
});

afterAll(async () => {
  await kiosk?.close();
  await hall?.close();
  console.log(`takeFlow: ${Date.now() - started} ms`);
});

const printerTwin = () => kiosk.agent.devices.virtual.printer!.device;
const readerTwin = () => kiosk.agent.devices.virtual.idCardReader!.device;

/**
 * Lift the card and wait until the reader noticed (its next poll), as a citizen's hand takes that long: a card
 * swapped within one poll is not seen as a new placement.
 */
async function lift(): Promise<void> {
  const reader = readerTwin();
  reader.removeCard();
  await new Promise<void>((resolve) => {
    const listener = (reply: { sw3: number }) => {
      if (reply.sw3 !== idcard.Sw3.FindFailed) return;
      reader.off("reply", listener);
      resolve();
    };
    reader.on("reply", listener);
  });
}

/** Send a take and wait for its answer. */
async function take(
  itemCode: string,
  extra: { useCard?: boolean; priority?: "normal" | "elderly"; requestId?: string } = {},
) {
  const requestId = extra.requestId ?? randomUUID();
  await kiosk.client.send({ type: "take", requestId, itemCode, useCard: extra.useCard, priority: extra.priority });
  return answerTo(requestId);
}

async function answerTo(requestId: string) {
  for (;;) {
    const answer = await kiosk.client.next(["taken", "refused"], 15_000);
    if (answer.requestId === requestId) return answer;
  }
}

async function ledger(): Promise<TicketLedger> {
  const res = await hall.api<TicketLedger>("GET", "/api/tickets/ledger", undefined, supervisor);
  expect(res.status).toBe(200);
  return res.body;
}

const entries = async () => (await ledger()).prefixes.flatMap((p) => p.entries);

/** The server's record of the ticket numbered `number`. */
async function serverTicket(number: string) {
  const entry = (await entries()).find((e) => e.number === number);
  expect(entry, `ledger has ${number}`).toBeDefined();
  const res = await hall.api<TicketStatus>("GET", `/api/tickets/${entry!.ticketId}`, undefined, supervisor);
  return res.body.ticket;
}

describe("take = issue and print as one act", () => {
  it("when a page takes tickets (walk-in, with a card, elderly), then each prints and matches the server's record", async () => {
    const paper = printerTwin().tickets.length;
    const walkIn = await take(ENQUIRY);
    expect(walkIn.type).toBe("taken");

    readerTwin().placeCard(idcard.sampleCards.resident);
    const card = await kiosk.client.next("card");
    expect(card.card).toEqual({ nameMasked: "张*", idMasked: "110***********1234", elderly: false });
    const withCard = await take(ENQUIRY, { useCard: true });
    expect(withCard.type).toBe("taken");
    await lift();

    readerTwin().placeCard(idcard.sampleCards.residentLongTerm);
    expect((await kiosk.client.next("card")).card.elderly).toBe(true);
    const elderly = await take(ENQUIRY, { priority: "elderly" });
    expect(elderly.type).toBe("taken");
    await lift();

    const printed = printerTwin().tickets.slice(paper).map(ticketFacts);
    expect(printed.map((t) => t.number)).toEqual(
      [walkIn, withCard, elderly].map((a) => (a.type === "taken" ? a.ticket.number : "")),
    );
    for (const facts of printed) {
      const ticket = await serverTicket(facts.number);
      expect(ticket.state).toBe("waiting");
      expect(facts.lines).toContain(ticket.itemName);
      expect(facts.qr).toMatch(new RegExp(`/t/${ticket.publicToken}$`));
      if (ticket.nameMasked) expect(facts.lines).toContain(`姓名：${ticket.nameMasked}`);
      expect(facts.reprint).toBe(false);
    }
    expect((await serverTicket(printed[1]!.number)).nameMasked).toBe("张*");
    expect((await serverTicket(printed[2]!.number)).priority).toBe("elderly");
  });

  it("when the paper is out before a take, then nothing is reserved, the page hears why and the server shows the kiosk degraded", async () => {
    const before = (await entries()).length;
    await printerTwin().setFault("paper-out", true);
    const answer = await take(ENQUIRY);
    expect(answer).toMatchObject({ type: "refused", reason: { code: "paper-out" } });
    expect(answer.type === "refused" && answer.reason.words.zh).toContain("缺纸");
    expect((await entries()).length).toBe(before);
    await expect
      .poll(async () => {
        const res = await hall.api<{ kind: string; health: { name: string; state: string }[] }[]>(
          "GET",
          "/api/devices",
          undefined,
          supervisor,
        );
        return res.body.find((d) => d.kind === "kiosk" && d.health.length > 0)?.health.find((h) => h.name === "printer")
          ?.state;
      })
      .toBe("degraded");
    await printerTwin().setFault("paper-out", false);
  });

  it("when the paper runs out during printing, then the number is voided (print_failed) and the page hears it", async () => {
    await printerTwin().setFault("paper-out", true, { afterLines: 3 });
    const answer = await take(ENQUIRY);
    expect(answer).toMatchObject({ type: "refused", reason: { code: "print_failed" } });
    const last = (await entries()).at(-1)!;
    expect(last).toMatchObject({ state: "voided", voided: { reason: "print_failed" } });
    await printerTwin().setFault("paper-out", false);
  });

  it("when the paper runs out after a ticket was cut, then that ticket stays waiting and the next take is refused", async () => {
    const first = await take(ENQUIRY);
    expect(first.type).toBe("taken");
    await printerTwin().setFault("paper-out", true);
    const count = (await entries()).length;
    expect(await take(ENQUIRY)).toMatchObject({ type: "refused", reason: { code: "paper-out" } });
    expect((await entries()).length).toBe(count);
    expect((await serverTicket(first.type === "taken" ? first.ticket.number : "")).state).toBe("waiting");
    await printerTwin().setFault("paper-out", false);
  });

  it("when the same take arrives twice, or a second take and a card during printing, then each is absorbed plainly", async () => {
    printerTwin().lineTimeMs = 80;
    const requestId = randomUUID();
    const count = (await entries()).length;
    await kiosk.client.send({ type: "take", requestId, itemCode: ENQUIRY });
    await kiosk.client.send({ type: "take", requestId: randomUUID(), itemCode: ENQUIRY });
    expect((await kiosk.client.next("refused")).reason.code).toBe("busy");
    readerTwin().placeCard(idcard.sampleCards.resident);
    expect((await kiosk.client.next("cardRefused")).reason.code).toBe("card_during_print");
    const first = await answerTo(requestId);
    expect(first.type).toBe("taken");
    await lift();
    printerTwin().lineTimeMs = 0;
    await kiosk.client.send({ type: "take", requestId, itemCode: ENQUIRY });
    expect(await answerTo(requestId)).toEqual(first);
    expect((await entries()).length).toBe(count + 1);
  });

  it("when a card fails its check digit or has expired, then it is refused in plain words and cannot be used", async () => {
    readerTwin().placeCard(idcard.sampleCards.invalidCheckDigit);
    expect((await kiosk.client.next("cardRefused")).reason.code).toBe("card_invalid_id");
    await lift();
    readerTwin().placeCard({
      ...idcard.sampleCards.resident,
      fields: { ...idcard.sampleCards.resident.fields, validTo: "20200101" },
    });
    expect((await kiosk.client.next("cardRefused")).reason.code).toBe("card_expired");
    expect(await take(ENQUIRY, { useCard: true })).toMatchObject({ type: "refused", reason: { code: "no_card" } });
    await lift();
    // A good card the citizen asks the kiosk to forget is gone from the agent too.
    readerTwin().placeCard(idcard.sampleCards.resident);
    await kiosk.client.next("card");
    await kiosk.client.send({ type: "forgetCard" });
    await kiosk.client.next("cardRemoved");
    expect(await take(ENQUIRY, { useCard: true })).toMatchObject({ type: "refused", reason: { code: "no_card" } });
    await lift();
  });

  it("when staff order a reprint, then the kiosk prints it marked 补打 with the same number and answers the command", async () => {
    const answer = await take(ENQUIRY);
    expect(answer.type).toBe("taken");
    const number = answer.type === "taken" ? answer.ticket.number : "";
    const ticket = await serverTicket(number);
    const staff = await hall.login("GW005", 1);
    const reprint = await hall.api<{ command: { id: number; state: string } }>(
      "POST",
      `/api/tickets/${ticket.id}/reprint`,
      {},
      staff,
    );
    expect(reprint.status).toBe(201);
    const paper = await printerTwin().nextTicket(10_000);
    expect(ticketFacts(paper)).toMatchObject({ number, reprint: true });
    expect(await kiosk.client.next("reprinted")).toEqual({ type: "reprinted", number, ok: true });
    expect((await serverTicket(number)).state).toBe("waiting");
  });

  it("when an appointment is checked in by its code or by the card on the reader, then its ticket prints", async () => {
    const gateway = hall.device("gateway");
    const book = async (idNumber: string) => {
      const res = await hall.api<{ code: string }>(
        "POST",
        "/api/appointments",
        { itemCode: ENQUIRY, slotStart: "2026-11-25T10:00:00+08:00", idNumber, name: "李四" },
        gateway,
      );
      expect(res.status).toBe(201);
      return res.body.code;
    };
    const code = await book("110101199003070014");
    await book(idcard.sampleCards.resident.fields.idNumber);

    const byCode = randomUUID();
    await kiosk.client.send({ type: "checkIn", requestId: byCode, by: { kind: "code", code } });
    const coded = await answerTo(byCode);
    expect(coded).toMatchObject({ type: "taken" });

    readerTwin().placeCard(idcard.sampleCards.resident);
    await kiosk.client.next("card");
    const byCard = randomUUID();
    await kiosk.client.send({ type: "checkIn", requestId: byCard, by: { kind: "card" } });
    const carded = await answerTo(byCard);
    expect(carded.type).toBe("taken");
    await lift();

    for (const answer of [coded, carded]) {
      const number = answer.type === "taken" ? answer.ticket.number : "";
      expect((await serverTicket(number)).priority).toBe("appointment");
      expect(
        printerTwin()
          .tickets.map(ticketFacts)
          .some((t) => t.number === number),
      ).toBe(true);
    }
    const unknown = randomUUID();
    await kiosk.client.send({ type: "checkIn", requestId: unknown, by: { kind: "code", code: "ZZZZ9999" } });
    expect(await answerTo(unknown)).toMatchObject({ type: "refused", reason: { code: "not_found" } });
  });

  it("when the serial scanner reads an appointment code, then the page gets it; anything else is refused plainly", async () => {
    const scanner = kiosk.agent.devices.virtual.scanner!.device;
    await scanner.scan("AB12CD34");
    expect(await kiosk.client.next("scan")).toEqual({ type: "scan", code: "AB12CD34" });
    await scanner.scan("https://example.com/not-a-booking");
    const refused = await kiosk.client.next("scanRefused");
    expect(refused.reason.code).toBe("scan_not_code");
    expect(refused.reason.words.zh).toContain("预约码");
  });

  it("when the day's ledger is read, then every number is waiting or voided with a reason, and none is missing", async () => {
    const day = await ledger();
    for (const prefix of day.prefixes) {
      expect(prefix.missing).toEqual([]);
      for (const entry of prefix.entries) {
        expect(["waiting", "voided"]).toContain(entry.state);
        if (entry.state === "voided") expect(entry.voided?.reason).toBeDefined();
      }
    }
    expect(kiosk.agent.kiosk!.journal.open()).toEqual([]);
  });
});
