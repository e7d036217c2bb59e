import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenario, parseScenario, scenarioSeeds, ScenarioError } from "./scenario.ts";
import { minimalScenarioFile } from "./testing.ts";

const shared = join(import.meta.dirname, "../../../../shared/scenarios");
const own = join(import.meta.dirname, "scenarios");

const valid = minimalScenarioFile;

const dir = mkdtempSync(join(tmpdir(), "scenario-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("scenario files", () => {
  it("when the shared and the project's scenario files are read, then each is valid with its README defaults", () => {
    const files = [
      ...readdirSync(shared)
        .filter((f) => f.endsWith(".json"))
        .map((f) => join(shared, f)),
      ...readdirSync(own).map((f) => join(own, f)),
    ];
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) expect(() => loadScenario(f), f).not.toThrow();
    const mmc = loadScenario(join(shared, "mmc-day.json"));
    expect(scenarioSeeds(mmc)).toMatchObject({ forecastScored: 20 });
    expect(scenarioSeeds(mmc).seeds).toHaveLength(200);
    const realistic = loadScenario(join(shared, "realistic-day.json"));
    expect(realistic.items[0]!.distribution).toBe("lognormal");
    expect(realistic.initialState).toBe("empty");
    expect(scenarioSeeds(realistic).forecastScored).toBe(20);
  });

  it.each([
    [{ ...valid, windows: [{ id: 1, skills: { B: 5 } }] }, "windows.0.skills.B: unknown item B"],
    [
      {
        ...valid,
        windows: [
          { id: 1, skills: { A: 5 } },
          { id: 1, skills: { A: 5 } },
        ],
      },
      "windows.1.id: duplicate window id 1",
    ],
    [
      { ...valid, windows: [{ id: 1, skills: { A: 5 }, breaks: [[60, 30]] }] },
      "windows.0.breaks.0: a break ends after it starts",
    ],
    [{ ...valid, initialState: "stationary" }, "initialState: a stationary start needs exponential handle times"],
    [{ ...valid, open: "9:00" }, 'open: open must be "HH:MM"'],
    [{ ...valid, items: [{ ...valid.items[0], share: 0 }] }, "items.0.share"],
    [{ ...valid, seeds: [] }, "seeds"],
    [{ ...valid, extra: 1 }, "extra"],
  ])("when a scenario is invalid (%#), then the error names the field and why", (raw, expected) => {
    expect(() => parseScenario(raw, "bad.json")).toThrow(ScenarioError);
    expect(() => parseScenario(raw, "bad.json")).toThrow(expected);
  });

  it("when a file is not JSON, then the error says which file and why", () => {
    const path = join(dir, "broken.json");
    writeFileSync(path, "{ not json");
    expect(() => loadScenario(path)).toThrow(/broken\.json cannot be read as JSON/);
  });
});
