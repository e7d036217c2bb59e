import { describe, expect, it } from "vitest";
import { closeOutcome } from "./closeRule.ts";

describe("closing a counter window", () => {
  it("when the app is quitting, then both windows close", () => {
    expect(closeOutcome("console", true)).toBe("close");
    expect(closeOutcome("windowScreen", true)).toBe("close");
  });

  it("when staff close the console, then it is only minimised: the counter keeps serving", () => {
    expect(closeOutcome("console", false)).toBe("minimize");
  });

  it("when something asks the window screen to close, then it stays", () => {
    expect(closeOutcome("windowScreen", false)).toBe("keep");
  });
});
