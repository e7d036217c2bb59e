import { describe, expect, it } from "vitest";
import { instanceRole, secondInstanceSteps } from "./singleInstance.ts";

describe("one shell per PC", () => {
  it("when the lock is had, then this instance runs; when not, it quits", () => {
    expect(instanceRole(true)).toBe("run");
    expect(instanceRole(false)).toBe("quit");
  });

  it("when a second instance starts and a fullscreen window is minimised, hidden and windowed, then all is undone in order", () => {
    expect(secondInstanceSteps({ minimized: true, visible: false, fullScreen: false, wantsFullScreen: true })).toEqual([
      "restore",
      "show",
      "fullscreen",
      "focus",
    ]);
  });

  it("when the window is already in front, then it is only focused", () => {
    expect(secondInstanceSteps({ minimized: false, visible: true, fullScreen: true, wantsFullScreen: true })).toEqual([
      "focus",
    ]);
  });

  it("when a desk window (the counter's console) is minimised, then it is restored and focused, never made fullscreen", () => {
    expect(secondInstanceSteps({ minimized: true, visible: true, fullScreen: false, wantsFullScreen: false })).toEqual([
      "restore",
      "focus",
    ]);
  });

  it("when there is no window yet (the agent still starting), then nothing is done", () => {
    expect(secondInstanceSteps(undefined)).toEqual([]);
  });
});
