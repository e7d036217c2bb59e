import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HallEvent, TicketView } from "@onewindow/contract";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestHall, type TestHall } from "../testing/testHall.ts";
import { countingEspeak } from "../voice/testing.ts";
import { probeWav, soundRegions } from "../voice/wavProbe.ts";

const ENQUIRY = "11441702007046212W200010100100"; // A, windows 1-3
type ApiError = { error: { code: string; message: string } };
type CallEvent = Extract<HallEvent, { type: "ticket.called" }>;

/** GET the announcement audio of `seq` as bytes, with its status, media type and duration header. */
async function fetchAudio(hall: TestHall, seq: number | string, token?: string) {
  const res = await fetch(`${hall.url}/api/voice/announcements/${seq}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    durationMs: Number(res.headers.get("x-announcement-duration-ms")),
    bytes,
    json: () => JSON.parse(bytes.toString("utf8")) as ApiError,
  };
}

describe("GET /api/voice/announcements/:seq with espeak-ng", () => {
  let hall: TestHall;
  let dir: string;
  let espeak: ReturnType<typeof countingEspeak>;
  const path = process.env.PATH;
  const calls = () => hall.server.ctx.events.since(0, 10_000).filter((e): e is CallEvent => e.type === "ticket.called");

  beforeAll(async () => {
    // The hall finds espeak-ng on the PATH, as a real one does; this one counts its runs, then runs the real one.
    dir = mkdtempSync(join(tmpdir(), "onewindow-voice-api-"));
    espeak = countingEspeak(dir);
    process.env.PATH = `${espeak.binDir}:${path}`;
    hall = await startTestHall({ config: { voice: { repeat: 2, languages: ["zh"], chime: true } } });
    await hall.server.ctx.voice.ready();
  });
  afterAll(async () => {
    await hall.close();
    process.env.PATH = path;
    rmSync(dir, { recursive: true, force: true });
  });

  it("when A001 is called to window 3 and recalled, then a screen gets each call's audio, spoken, and no call ran espeak-ng", async () => {
    expect(hall.server.ctx.voice.engine()).toBe("espeak-ng");
    const runsAtStart = espeak.runs();
    expect(runsAtStart).toBeGreaterThan(0);
    const kiosk = hall.device("kiosk");
    const screen = hall.device("screen");
    await hall.takeAtKiosk(kiosk, { issue: { itemCode: ENQUIRY } });
    const staff = await hall.login("GW005", 3);
    const called = await hall.api<TicketView>("POST", "/api/counter/call-next", {}, staff);
    expect(called.body.number).toBe("A001");
    await hall.api("POST", "/api/counter/recall", {}, staff);
    const [call, recall] = calls();
    expect(call!.data.announcement.zh).toBe("请 A001 号到 3 号窗口办理");
    expect(recall!.data.recall).toBe(1);

    for (const event of [call!, recall!]) {
      const audio = await fetchAudio(hall, event.seq, screen);
      expect(audio.status).toBe(200);
      expect(audio.type).toBe("audio/wav");
      const wav = probeWav(audio.bytes);
      expect(Math.abs(audio.durationMs - wav.durationMs)).toBeLessThanOrEqual(1);
      // Chime, then the words twice: several seconds of sound, loud where it sounds.
      expect(wav.durationMs).toBeGreaterThan(4000);
      const regions = soundRegions(wav);
      expect(regions.reduce((sum, r) => sum + (r.endMs - r.startMs), 0)).toBeGreaterThan(wav.durationMs / 2);
      expect(Math.max(...regions.map((r) => r.rms))).toBeGreaterThan(2000);
    }
    // Staff (a console) may fetch it too.
    expect((await fetchAudio(hall, call!.seq, staff)).status).toBe(200);
    expect(espeak.runs()).toBe(runsAtStart);
  });

  it("when the seq is an event that is not a call, or no event at all, then 404 not_found; a malformed seq is 400", async () => {
    const screen = hall.device("screen");
    const issued = hall.server.ctx.events.since(0, 10_000).find((e) => e.type === "ticket.issued")!;
    const notCall = await fetchAudio(hall, issued.seq, screen);
    expect(notCall.status).toBe(404);
    expect(notCall.json().error.code).toBe("not_found");
    expect((await fetchAudio(hall, 999_999, screen)).json().error.code).toBe("not_found");
    const bad = await fetchAudio(hall, "A001", screen);
    expect(bad.status).toBe(400);
    expect(bad.json().error.code).toBe("bad_request");
  });

  it("when no token or an online-hall token asks, then it is refused (401, 403)", async () => {
    const seq = calls()[0]!.seq;
    expect((await fetchAudio(hall, seq)).status).toBe(401);
    expect((await fetchAudio(hall, seq, hall.device("gateway"))).status).toBe(403);
  });
});

describe("GET /api/voice/announcements/:seq with the voice off", () => {
  let hall: TestHall;
  afterEach(async () => hall.close());

  it("when no engine speaks, then a call's audio is 503 voice_unavailable saying why (screens show the text)", async () => {
    hall = await startTestHall({ config: { voice: { engine: "off", repeat: 2, languages: ["zh"], chime: true } } });
    const kiosk = hall.device("kiosk");
    await hall.takeAtKiosk(kiosk, { issue: { itemCode: ENQUIRY } });
    const staff = await hall.login("GW005", 1);
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    const call = hall.server.ctx.events.since(0, 100).find((e) => e.type === "ticket.called")!;
    const audio = await fetchAudio(hall, call.seq, hall.device("screen"));
    expect(audio.status).toBe(503);
    expect(audio.json().error.code).toBe("voice_unavailable");
    expect(audio.json().error.message).toContain('voice.engine is "off"');
  });
});
