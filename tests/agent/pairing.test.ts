/**
 * First-run pairing against a real hall-server: the agent starts without a token, serves its keypad page on its
 * loopback port, redeems the code, keeps the token 0600 and never hands it to a page; then it reports its devices'
 * health with it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { createDevice } from "../../hall-server/src/services/devices.ts";
import type { TestHall } from "../../hall-server/src/testing/testHall.ts";
import { parseStationConfig, startAgent, type StationAgent } from "../../station-agent/src/index.ts";
import { connectAgent } from "../../station-agent/src/page/agentClient.ts";
import { startLooseHall, until } from "./agentHarness.ts";

let hall: TestHall | undefined;
let agent: StationAgent | undefined;
const dir = mkdtempSync(join(tmpdir(), "onewindow-pairing-"));
afterAll(async () => {
  await agent?.stop();
  await hall?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("first-run pairing", () => {
  it("when the code is entered on the agent's page, then the token is kept 0600, never shown, and health reaches the hall", async () => {
    hall = await startLooseHall();
    const { pairingCode } = createDevice(hall.server.ctx, { name: "kiosk-east", kind: "kiosk" });
    const config = parseStationConfig(
      {
        hallUrl: hall.url,
        station: { kind: "kiosk", name: "kiosk-east" },
        devices: { printer: { link: { kind: "virtual" } } },
      },
      dir,
    );
    agent = await startAgent(config, { log: pino({ level: "silent" }), virtualOverMemory: true });
    expect(agent.paired).toBe(false);
    const base = `http://127.0.0.1:${agent.port}`;
    expect(await (await fetch(base + "/")).text()).toContain("输入配对码");

    const page = await connectAgent({ url: agent.url, secret: agent.secret, origin: new URL(hall.url).origin });
    await page.next("welcome");
    await page.send({ type: "take", requestId: "6f1c1b5e-8a43-4c1e-9a51-2f6a3c1d9e10", itemCode: "X" });
    expect((await page.next("refused")).reason.code).toBe("not_paired");

    const wrong = await fetch(base + "/pair", {
      method: "POST",
      headers: { origin: base, "content-type": "application/json" },
      body: JSON.stringify({ code: "00000000" }),
    });
    expect(wrong.status).toBe(400);
    expect(agent.paired).toBe(false);

    const res = await fetch(base + "/pair", {
      method: "POST",
      headers: { origin: base, "content-type": "application/json" },
      body: JSON.stringify({ code: pairingCode }),
    });
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ ok: true, message: "paired as kiosk-east" });
    const token = readFileSync(join(dir, "token"), "utf8").trim();
    expect(token.length).toBeGreaterThan(20);
    expect(text).not.toContain(token);
    expect(statSync(join(dir, "token")).mode & 0o777).toBe(0o600);
    expect(agent.paired).toBe(true);
    expect(page.received.map((m) => JSON.stringify(m)).join("")).not.toContain(token);

    const supervisor = await hall.login("GW002");
    await expect
      .poll(async () => {
        const devices = await hall!.api<{ name: string; health: { name: string; state: string }[] }[]>(
          "GET",
          "/api/devices",
          undefined,
          supervisor,
        );
        return devices.body.find((d) => d.name === "kiosk-east")?.health.find((h) => h.name === "printer")?.state;
      })
      .toBe("connected");

    // Revoked by the hall: the agent forgets the token and shows its pairing page again.
    const admin = await hall.login("GW001");
    const id = (await hall.api<{ id: number; name: string }[]>("GET", "/api/devices", undefined, supervisor)).body.find(
      (d) => d.name === "kiosk-east",
    )!.id;
    expect((await hall.api("DELETE", `/api/devices/${id}`, undefined, admin)).status).toBe(200);
    await until("the agent to forget its token", () => !agent!.paired);
    expect(existsSync(join(dir, "token"))).toBe(false);
    await page.send({ type: "take", requestId: "7f1c1b5e-8a43-4c1e-9a51-2f6a3c1d9e11", itemCode: "X" });
    expect((await page.next("refused")).reason.code).toBe("not_paired");
    expect(await (await fetch(base + "/")).text()).toContain("输入配对码");
    page.close();
  });
});
