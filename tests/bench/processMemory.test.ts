import { describe, expect, it } from "vitest";
import { parseOpenFilesLimit, parseVmRssBytes, processRssBytes } from "./processMemory.ts";

describe("processMemory", () => {
  it("when /proc/<pid>/status is read, then VmRSS in kB becomes bytes; without the line, null", () => {
    expect(parseVmRssBytes("Name:\tnode\nVmHWM:\t  90000 kB\nVmRSS:\t   81234 kB\nRssAnon:\t 1 kB\n")).toBe(
      81234 * 1024,
    );
    expect(parseVmRssBytes("Name:\tkthreadd\nState:\tS (sleeping)\n")).toBeNull();
  });

  it("when /proc/<pid>/limits is read, then the soft open-files limit is the first number, unlimited is Infinity", () => {
    const limits = (soft: string) =>
      `Limit                     Soft Limit           Hard Limit           Units     \n` +
      `Max processes             63448                63448                processes \n` +
      `Max open files            ${soft.padEnd(20)} 1048576              files     \n`;
    expect(parseOpenFilesLimit(limits("1024"))).toBe(1024);
    expect(parseOpenFilesLimit(limits("unlimited"))).toBe(Infinity);
    expect(parseOpenFilesLimit("Max processes 5 5 processes\n")).toBeNull();
  });

  it("when this process's RSS is read, then it is some megabytes; a process that does not exist gives null", () => {
    expect(processRssBytes(process.pid)).toBeGreaterThan(1024 * 1024);
    expect(processRssBytes(2 ** 22 + 12345)).toBeNull();
    expect(processRssBytes(undefined)).toBeNull();
  });
});
