/**
 * Hall-day scenario files (../shared/scenarios/*.json and any more like them), validated with zod so a bad file
 * is refused with the path and reason of every problem. The fields, defaults and rules are those of the scenarios'
 * README; each field's comment repeats its meaning briefly.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { defaultCallPolicy } from "../domain/index.ts";

const minute = z.number().finite().nonnegative();

/** One service item of a scenario. */
export const ScenarioItem = z.strictObject({
  code: z.string().min(1).max(64),
  group: z.string().min(1).max(64),
  name: z.string().min(1).max(200).optional(),
  /** Chance an arrival is for this item (shares are normalised when they do not sum to 1). */
  share: z.number().finite().positive(),
  /** Mean (not median) handle minutes. */
  meanMinutes: z.number().finite().positive(),
  /** Coefficient of variation of the handle time (ignored for exponential, whose cv is 1). */
  cv: z.number().finite().nonnegative(),
  distribution: z.enum(["lognormal", "exponential"]).default("lognormal"),
  /** The catalogue's typical minutes the model starts from (deliberately not the true mean). */
  priorMinutes: z.number().finite().positive().max(480),
});

/** One window with its one staff member's skills (item code -> weight 1..10) and breaks [from, to) in minutes. */
export const ScenarioWindow = z.strictObject({
  id: z.number().int().positive(),
  skills: z
    .record(z.string(), z.number().int().min(1).max(10))
    .refine((s) => Object.keys(s).length > 0, "a window needs at least one skill"),
  breaks: z
    .array(z.tuple([minute, minute]).refine(([from, to]) => to > from, "a break ends after it starts"))
    .default([]),
});

const seedList = z.array(z.number().int());

/** A scenario file (see the README in ../shared/scenarios). */
export const Scenario = z
  .strictObject({
    name: z.string().min(1),
    timezone: z.string().min(1),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be "YYYY-MM-DD"'),
    open: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'open must be "HH:MM"'),
    issueUntil: z
      .number()
      .finite()
      .positive()
      .max(24 * 60),
    hourlyArrivals: z.array(z.number().finite().nonnegative()).min(1),
    repeatHourlyArrivals: z.boolean().default(false),
    load: z.number().finite().positive().default(1),
    elderlyShare: z.number().min(0).max(1).default(0),
    noShowShare: z.number().min(0).max(1).default(0),
    noShowMinutes: minute.default(1),
    walkMeanMinutes: minute.default(0),
    scoreMinWaitMinutes: minute.default(0),
    warmupMinutes: minute.default(0),
    items: z.array(ScenarioItem).min(1),
    windows: z.array(ScenarioWindow).min(1),
    callPolicy: z
      .strictObject({
        priorityPerNormal: z.number().int().min(0).max(20).optional(),
        starvationMinutes: z.number().min(1).max(600).optional(),
        skillWeightMinutes: z.number().min(0).max(60).optional(),
        appointmentEarlyMinutes: z.number().min(0).max(120).optional(),
      })
      .default({}),
    initialState: z.enum(["empty", "stationary"]).default("empty"),
    /** Erlang C figures the file states for its M/M/c check (informative; the bench computes its own). */
    erlangC: z
      .strictObject({
        servers: z.number().int().positive(),
        arrivalsPerMinute: z.number().positive(),
        meanServiceMinutes: z.number().positive(),
        expectedWq: z.number().nonnegative(),
      })
      .optional(),
    seeds: z.union([
      seedList.min(1),
      z.strictObject({
        from: z.number().int(),
        count: z.number().int().positive().max(10_000),
        forecastScoredCount: z.number().int().nonnegative().optional(),
      }),
    ]),
  })
  .superRefine((s, ctx) => {
    const codes = new Set<string>();
    s.items.forEach((item, i) => {
      if (codes.has(item.code))
        ctx.addIssue({ code: "custom", path: ["items", i, "code"], message: `duplicate item code ${item.code}` });
      codes.add(item.code);
    });
    if (s.items.length > 26)
      ctx.addIssue({ code: "custom", path: ["items"], message: "at most 26 items (one ticket letter each)" });
    const ids = new Set<number>();
    s.windows.forEach((w, i) => {
      if (ids.has(w.id))
        ctx.addIssue({ code: "custom", path: ["windows", i, "id"], message: `duplicate window id ${w.id}` });
      ids.add(w.id);
      for (const code of Object.keys(w.skills))
        if (!codes.has(code))
          ctx.addIssue({ code: "custom", path: ["windows", i, "skills", code], message: `unknown item ${code}` });
    });
    if (s.initialState === "stationary" && s.items.some((i) => i.distribution !== "exponential"))
      ctx.addIssue({
        code: "custom",
        path: ["initialState"],
        message: "a stationary start needs exponential handle times (M/M/c)",
      });
  });
export type Scenario = z.infer<typeof Scenario>;

/** The seeds of a scenario and how many of them (the first ones) score the forecast. */
export function scenarioSeeds(s: Scenario): { seeds: number[]; forecastScored: number } {
  if (Array.isArray(s.seeds)) return { seeds: s.seeds, forecastScored: s.seeds.length };
  const { from, count, forecastScoredCount } = s.seeds;
  const seeds = Array.from({ length: count }, (_, i) => from + i);
  return { seeds, forecastScored: Math.min(count, forecastScoredCount ?? count) };
}

/** The call policy of a scenario: the hall-server's defaults with the file's settings over them. */
export function scenarioCallPolicy(s: Scenario): typeof defaultCallPolicy {
  return { ...defaultCallPolicy, ...s.callPolicy };
}

/** A scenario problem: which file and every field that is wrong. */
export class ScenarioError extends Error {
  override name = "ScenarioError";
}

/** Validate a parsed scenario object; ScenarioError lists each problem as "path: message". */
export function parseScenario(raw: unknown, source = "scenario"): Scenario {
  const parsed = Scenario.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new ScenarioError(`${source} is not a valid scenario:\n${lines.join("\n")}`);
}

/** Read and validate a scenario file; ScenarioError on unreadable JSON or invalid content. */
export function loadScenario(path: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new ScenarioError(`${path} cannot be read as JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseScenario(raw, path);
}
