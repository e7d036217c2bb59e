/**
 * Personal data never reaches the logs: a hall-server logging at trace level through the production logger
 * (createLogger, with its redaction) handles ID numbers, names, phones, PINs and tokens, and none of them appear
 * in what it wrote.
 */
import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../security/index.ts";
import { demoStaffPin, startTestHall, WEDNESDAY_10AM, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100";
const ID_RENEWAL = "11441702007046300B070001200200"; // 居民身份证换领, ID card required
const CITIZEN = { idNumber: "11010119900307123X", name: "张三丰" };
const BOOKER = { idNumber: "220101198001011234", name: "李四光", phone: "13787654321" };

describe("logs of a running hall-server", () => {
  let hall: TestHall;
  let written = "";
  beforeEach(async () => {
    written = "";
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    hall = await startTestHall({ log: createLogger({ level: "trace", destination }) });
  });
  afterEach(async () => hall.close());

  it("when tickets, bookings, check-ins, sign-ins and refusals carry personal data, then none of it is logged", async () => {
    const kiosk = hall.device("kiosk");
    const gateway = hall.device("gateway");
    const card = { idNumber: CITIZEN.idNumber, name: CITIZEN.name };
    const issued = await hall.takeAtKiosk(kiosk, { issue: { itemCode: ID_RENEWAL, card } });
    expect(issued.status).toBe(201);
    const booked = await hall.api(
      "POST",
      "/api/appointments",
      { itemCode: ENQUIRY, slotStart: "2026-11-25T10:30:00+08:00", ...BOOKER },
      gateway,
    );
    expect(booked.status).toBe(201);
    hall.clock.now = WEDNESDAY_10AM + 25 * 60_000;
    const checkedIn = await hall.takeAtKiosk(kiosk, { checkIn: { idNumber: BOOKER.idNumber } });
    expect(checkedIn.status).toBe(201);
    const staff = await hall.login("GW005", 1);
    const wrongPin = await hall.api("POST", "/api/auth/login", { employeeNo: "GW006", pin: "000000" });
    expect(wrongPin.status).toBe(401);
    // Refusals whose bodies hold personal data: a malformed card and a bad ID number.
    const bad = await hall.takeAtKiosk(kiosk, { issue: { itemCode: ID_RENEWAL, card: { ...card, name: 7 } } });
    expect(bad.status).toBe(400);
    const unknown = await hall.takeAtKiosk(kiosk, { checkIn: { idNumber: "110101199003071230" } });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    await hall.close();
    hall = await startTestHall(); // afterEach closes this one

    // The log does say what happened: state changes at info, requests at debug, refusals with their codes.
    const lines = written
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ msg: "event", type: "ticket.issued", ticket: "B001" }));
    expect(lines).toContainEqual(expect.objectContaining({ msg: "event", type: "staff.signed_in", staff: "GW005" }));
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: "answered", route: "POST /api/tickets/reservations", status: 201, by: "kiosk" }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: "refused",
        route: "POST /api/tickets/reservations",
        status: 400,
        code: "bad_request",
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: "refused", route: "POST /api/auth/login", status: 401 }),
    );
    const secrets = [
      ...[CITIZEN, BOOKER].flatMap((p) => [p.idNumber, p.idNumber.slice(6, 14), p.name]),
      BOOKER.phone,
      "110101199003071230",
      demoStaffPin,
      "000000",
      kiosk,
      gateway,
      staff,
    ];
    for (const secret of secrets) expect(written, `the log holds "${secret}"`).not.toContain(secret);
  });
});
