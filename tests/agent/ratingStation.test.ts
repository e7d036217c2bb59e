/**
 * The counter's rating station end to end in one process (issue 12 items 1 and 8): a real hall-server on port 0, the
 * real evaluation keypad driver over a socat PTY pair to the virtual 评价器, and the hall client with the counter's
 * device token. Every rating is read back through GET /api/ratings/:id.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RatingPromptView, type RatingList, type RatingView, type TicketView } from "@onewindow/contract";
import { evaluator, SerialTransport } from "@onewindow/drivers/node";
import { createPtyPair, VirtualEvaluationKeypad, type PtyPair } from "@onewindow/drivers/virtual";
import { pino } from "pino";
import { startTestHall, type TestHall } from "../../hall-server/src/testing/testHall.ts";
import { HallClient } from "../../station-agent/src/hall/hallClient.ts";
import { RatingJournal } from "../../station-agent/src/counter/ratingJournal.ts";
import { RatingStation } from "../../station-agent/src/counter/ratingStation.ts";
import { until } from "./agentHarness.ts";

const ENQUIRY = "11441702007046212W200010100100";
const UNREACHABLE = {
  code: "hall_unreachable",
  words: { zh: "暂时无法连接大厅服务器", en: "The hall cannot be reached" },
};

describe("the counter's rating station with the virtual keypad on a PTY", () => {
  let hall: TestHall;
  let pty: PtyPair;
  let unit: VirtualEvaluationKeypad;
  let keypad: evaluator.EvaluationKeypad;
  let station: RatingStation;
  let dir: string;
  let journal: RatingJournal;
  let staff: string;
  let kiosk: string;
  let supervisor: string;
  const views: RatingPromptView[] = [];
  const view = () => views.at(-1)!;

  /** A station for window 2 on the journal in `dir`, talking to `hallUrl` (the test's hall unless given). */
  function startStation(timeoutSec: number, hallUrl = hall.url): RatingStation {
    const counter = hall.device("counter", 2);
    journal = new RatingJournal(join(dir, "journal.db"));
    return new RatingStation({
      keypad,
      hall: new HallClient({ baseUrl: hallUrl, token: () => counter }),
      journal,
      // Every view is what the contract lets the window screen receive.
      onChange: (v) => views.push(RatingPromptView.parse(v)),
      hallUnreachable: UNREACHABLE,
      log: pino({ level: "silent" }),
      timeoutSec,
      staffName: () => "王五",
      retryMs: 50,
    });
  }

  async function rig(keys: 4 | 5, timeoutSec = 30, hallUrl = hall.url) {
    pty = await createPtyPair();
    unit = new VirtualEvaluationKeypad({ path: pty.devicePath, address: 1 });
    await unit.start();
    keypad = evaluator.EvaluationKeypad.create({
      variant: "serial",
      transport: new SerialTransport({ path: pty.hostPath }),
      address: 1,
      heartbeatMs: 0,
      keys: keys === 5 ? evaluator.fiveKeyProfile : evaluator.fourKeyProfile,
    });
    await keypad.open();
    station = startStation(timeoutSec, hallUrl);
    await station.loadReasons();
  }

  /** Serve one ticket at window 2 to its finish; returns it. */
  async function serve(): Promise<TicketView> {
    await hall.takeAtKiosk(kiosk, { issue: { itemCode: ENQUIRY } });
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    await hall.api("POST", "/api/counter/start", {}, staff);
    return (await hall.api<TicketView>("POST", "/api/counter/finish", {}, staff)).body;
  }
  const ratings = async () => (await hall.api<RatingList>("GET", "/api/ratings", undefined, supervisor)).body.ratings;

  beforeEach(async () => {
    views.length = 0;
    dir = mkdtempSync(join(tmpdir(), "onewindow-rating-station-"));
    hall = await startTestHall();
    kiosk = hall.device("kiosk");
    staff = await hall.login("GW006", 2);
    supervisor = await hall.login("GW002");
  });
  afterEach(async () => {
    station.close();
    journal.close();
    rmSync(dir, { recursive: true, force: true });
    await keypad.close();
    await unit.stop();
    await pty.dispose();
    await hall.close();
  });

  it("when a service finishes and the citizen presses key 4 of a 4-key keypad while the next one is called, then a level-2 rating of that service lands with every field, reason pending, and a case opens", async () => {
    await rig(4);
    const a = await serve();
    const request = unit.expectRequest();
    station.serviceFinished({ ticketId: a.id, number: a.number });
    expect(await request).toEqual({ timeoutSec: 30, staffName: "王五" });
    expect(view()).toMatchObject({ state: "armed", ticketNumber: a.number, keypad: true });
    expect(view().reasons.map((r) => r.code)).toContain("B05");
    // The next citizen is called: the prompt stays with the finished service.
    await hall.takeAtKiosk(kiosk, { issue: { itemCode: ENQUIRY } });
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    await unit.press(4);
    await until("the rating is thanked", () => view().state === "thanks", 30_000);
    expect(view()).toMatchObject({ ticketNumber: a.number, level: 2 });
    const [listed] = await ratings();
    const rating = (await hall.api<RatingView>("GET", `/api/ratings/${listed!.id}`, undefined, supervisor)).body;
    expect(rating).toMatchObject({
      ticketId: a.id,
      level: 2,
      levelName: "不满意",
      ratingChannel: 5,
      reasonPending: true,
      upload: { provincial: "held" },
      window: { number: 2 },
      staff: { employeeNo: "GW006" },
      itemCode: ENQUIRY,
      regionCode: "510104000000",
      isDefault: false,
      timesRated: 1,
      case: { state: "open" },
    });
  }, 120_000);

  it("when a key is pressed with nothing armed, then it is refused on the screen and nothing is stored; when the next service starts, the prompt ends", async () => {
    await rig(5);
    await unit.press(1);
    await until("the notice", () => view()?.notice?.code === "nothing_to_rate");
    const a = await serve();
    const request = unit.expectRequest();
    station.serviceFinished({ ticketId: a.id, number: a.number });
    await request;
    await hall.takeAtKiosk(kiosk, { issue: { itemCode: ENQUIRY } });
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    await hall.api("POST", "/api/counter/start", {}, staff);
    station.serviceStarted();
    expect(view()).toMatchObject({ state: "idle", keypad: false });
    expect(keypad.rating).toBe(false);
    await unit.press(5);
    await until("the second notice", () => view().notice?.code === "nothing_to_rate");
    expect(await ratings()).toEqual([]);
  }, 120_000);

  it("when the keypad times out, then only the on-site prompt ends: the rating-request key asks again and key 5 of a 5-key keypad rates level 1", async () => {
    await rig(5, 1);
    const a = await serve();
    station.serviceFinished({ ticketId: a.id, number: a.number });
    await until("the keypad's timeout", () => view().state === "idle", 30_000);
    expect(await ratings()).toEqual([]);
    const request = unit.expectRequest();
    station.ratingRequested();
    await request;
    expect(view()).toMatchObject({ state: "armed", ticketNumber: a.number });
    await unit.press(5);
    await until("thanks", () => view().state === "thanks", 30_000);
    expect((await ratings()).map((r) => [r.ticketId, r.level])).toEqual([[a.id, 1]]);
  }, 120_000);

  it("when the citizen chooses on the touch screen with a reason, then the keypad stops prompting and the rating carries channel 4 and the reason", async () => {
    await rig(4);
    const a = await serve();
    const request = unit.expectRequest();
    station.serviceFinished({ ticketId: a.id, number: a.number });
    await request;
    station.answerOnScreen({ level: 1, indicatorCodes: ["B07"] });
    expect(keypad.rating).toBe(false);
    await until("thanks", () => view().state === "thanks", 30_000);
    expect((await ratings())[0]).toMatchObject({
      level: 1,
      ratingChannel: 4,
      indicatorCodes: ["B07"],
      reasonPending: false,
      case: { state: "open" },
    });
    // The service is rated once: asking again has nothing to rate.
    station.ratingRequested();
    expect(view().notice?.code).toBe("nothing_to_rate");
  }, 120_000);

  it("when the hall cannot be reached and the agent stops before the answer lands, then the next run sends it from the journal, and the service is rated once", async () => {
    // A hall address where nothing listens: the answer is kept on disk and retried.
    const nobody = createServer();
    await new Promise<void>((done) => nobody.listen(0, "127.0.0.1", done));
    const port = (nobody.address() as { port: number }).port;
    await new Promise((done) => nobody.close(done));
    await rig(5, 30, `http://127.0.0.1:${port}`);
    const a = await serve();
    const request = unit.expectRequest();
    station.serviceFinished({ ticketId: a.id, number: a.number });
    await request;
    await unit.press(1);
    await until("the answer kept on disk", () => journal.unsent().length === 1, 30_000);
    expect(journal.unsent()[0]).toMatchObject({ ticketId: a.id, level: 5, ratingChannel: 5 });
    expect(statSync(join(dir, "journal.db")).mode & 0o777).toBe(0o600);
    await new Promise((r) => setTimeout(r, 300));
    expect(await ratings()).toEqual([]);

    // The agent stops (its journal closes) and starts again, now reaching the hall.
    station.close();
    journal.close();
    station = startStation(30);
    station.resendUnsent();
    await until("the kept answer stored", () => journal.unsent().length === 0, 30_000);
    expect((await ratings()).map((r) => [r.ticketId, r.level, r.ratingChannel])).toEqual([[a.id, 5, 5]]);
    // Sending again (a third run) stores nothing twice: the journal is empty.
    station.resendUnsent();
    expect((await ratings()).length).toBe(1);
  }, 120_000);
});
