import { describe, expect, it } from "vitest";
import {
  NO_DISPLAY_BOUNDS,
  chooseDisplays,
  consoleMoved,
  windowScreenMoved,
  type DisplayInfo,
  type DisplayPicks,
} from "./displayChoice.ts";

/** A display at `x` of `width`x`height`, its work area 40 px shorter (a task bar). */
const display = (id: number, x: number, width: number, height: number, extra: Partial<DisplayInfo> = {}) => ({
  id,
  label: "",
  bounds: { x, y: 0, width, height },
  workArea: { x, y: 0, width, height: height - 40 },
  internal: false,
  ...extra,
});

const desk = display(1, 0, 1920, 1080, { label: "DELL P2419H" });
const citizen = display(2, 1920, 1280, 800, { label: "HKC Window 15" });
const laptop = display(3, -1366, 1366, 768, { label: "", internal: true });
const auto: DisplayPicks = { console: "primary", windowScreen: "secondary" };

describe("which display gets which window of the counter", () => {
  it("when there are two displays, then the console fills the primary's work area and the window screen is fullscreen on the other", () => {
    expect(chooseDisplays([desk, citizen], 1, auto)).toEqual({
      console: { displayId: 1, bounds: desk.workArea },
      windowScreen: { displayId: 2, bounds: citizen.bounds, fullscreen: true },
      notes: [],
    });
  });

  it("when the primary display is listed second, then the console still goes to the primary", () => {
    const plan = chooseDisplays([citizen, desk], 1, auto);
    expect(plan.console.displayId).toBe(1);
    expect(plan.windowScreen.displayId).toBe(2);
  });

  it("when there is only one display, then the window screen is a normal window beside the console, a third wide", () => {
    const plan = chooseDisplays([desk], 1, auto);
    expect(plan.console).toEqual({ displayId: 1, bounds: { x: 0, y: 0, width: 1280, height: 1040 } });
    expect(plan.windowScreen).toEqual({
      displayId: 1,
      bounds: { x: 1280, y: 0, width: 640, height: 1040 },
      fullscreen: false,
    });
    expect(plan.notes).toEqual(["one display for both: the window screen is a window beside the console"]);
  });

  it("when a laptop's own panel and an external monitor both compete for the window screen, then the external one wins", () => {
    const primaryLaptop = display(3, 0, 1366, 768, { internal: true });
    const external = display(4, 1366, 1920, 1080);
    const other = display(5, 3286, 1920, 1080);
    expect(chooseDisplays([other, primaryLaptop, external], 3, auto).windowScreen.displayId).toBe(4);
    // With the desk monitor primary, the laptop panel comes after the external one even though it is to the left.
    expect(chooseDisplays([laptop, desk, citizen], 1, auto).windowScreen.displayId).toBe(2);
  });

  it("when the config names the window screen's display by label or id, then that display gets it", () => {
    const three = [desk, citizen, display(7, 3200, 1920, 1080, { label: "Samsung TV" })];
    expect(chooseDisplays(three, 1, { console: "primary", windowScreen: { label: "samsung" } }).windowScreen).toEqual({
      displayId: 7,
      bounds: three[2]?.bounds,
      fullscreen: true,
    });
    expect(chooseDisplays(three, 1, { console: "primary", windowScreen: { id: 2 } }).windowScreen.displayId).toBe(2);
  });

  it("when the named display is not connected, then the rule chooses and a note says so", () => {
    const plan = chooseDisplays([desk, citizen], 1, { console: "primary", windowScreen: { label: "Samsung" } });
    expect(plan.windowScreen.displayId).toBe(2);
    expect(plan.notes).toEqual(['window screen display label "Samsung" is not connected: using another display']);
  });

  it("when the window screen is named on the console's display, then it goes to another display and a note says so", () => {
    const plan = chooseDisplays([desk, citizen], 1, { console: "primary", windowScreen: { id: 1 } });
    expect(plan.windowScreen).toMatchObject({ displayId: 2, fullscreen: true });
    expect(plan.notes).toEqual(["window screen display id 1 is the console's: using another display"]);
  });

  it("when the console is asked on the secondary display, then the window screen takes the primary", () => {
    const plan = chooseDisplays([desk, citizen], 1, { console: "secondary", windowScreen: "secondary" });
    expect(plan.console.displayId).toBe(2);
    expect(plan.windowScreen).toMatchObject({ displayId: 1, fullscreen: true, bounds: desk.bounds });
  });

  it("when the console's named display is missing, then it takes the primary and a note says so", () => {
    const plan = chooseDisplays([desk, citizen], 1, { console: { id: 9 }, windowScreen: "secondary" });
    expect(plan.console.displayId).toBe(1);
    expect(plan.notes).toEqual(["console display id 9 is not connected: using the primary display"]);
  });

  it("when the window screen is asked on the primary together with the console, then they share it", () => {
    const plan = chooseDisplays([desk, citizen], 1, { console: "primary", windowScreen: "primary" });
    expect(plan.windowScreen).toMatchObject({ displayId: 1, fullscreen: false });
  });

  it("when no display is reported, then both windows get a default place and a note says so", () => {
    const plan = chooseDisplays([], 1, auto);
    expect(plan.console.bounds).toEqual(NO_DISPLAY_BOUNDS);
    expect(plan.windowScreen).toEqual({ displayId: 1, bounds: NO_DISPLAY_BOUNDS, fullscreen: false });
    expect(plan.notes).toHaveLength(1);
  });
});

describe("when the displays change", () => {
  const two = chooseDisplays([desk, citizen], 1, auto);
  const one = chooseDisplays([desk], 1, auto);

  it("when the citizen's display is unplugged, then both windows move (the window screen joins the desk)", () => {
    expect(windowScreenMoved(two, one)).toBe(true);
    expect(consoleMoved(two, one)).toBe(true);
  });

  it("when it comes back, then both move again", () => {
    expect(windowScreenMoved(one, two)).toBe(true);
    expect(consoleMoved(one, two)).toBe(true);
  });

  it("when nothing that matters changed, then nothing moves (the staff member's console size is kept)", () => {
    expect(windowScreenMoved(two, chooseDisplays([citizen, desk], 1, auto))).toBe(false);
    expect(consoleMoved(two, chooseDisplays([citizen, desk], 1, auto))).toBe(false);
  });

  it("when the citizen's display changes resolution, then only the window screen moves", () => {
    const resized = chooseDisplays([desk, display(2, 1920, 1920, 1080)], 1, auto);
    expect(windowScreenMoved(two, resized)).toBe(true);
    expect(consoleMoved(two, resized)).toBe(false);
  });
});
