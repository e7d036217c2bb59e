import { describe, expect, it } from "vitest";
import { packagingProblems } from "./packagingProblems.ts";

const pkg = { main: "dist/main.js", productName: "OneWindow Kiosk" };
const good = {
  appId: "cn.onewindow.kiosk",
  productName: "OneWindow Kiosk",
  files: ["dist/**/*", "package.json"],
  extraMetadata: { main: "dist/main.js" },
  asarUnpack: ["**/*.node"],
  npmRebuild: true,
};

describe("a shell's electron-builder config against its package.json", () => {
  it("when they agree, then there is no problem", () => {
    expect(packagingProblems(good, pkg)).toEqual([]);
  });

  it("when the entry, files, native-module handling or names disagree, then each is named", () => {
    expect(
      packagingProblems(
        { ...good, appId: "", productName: "Other", files: ["src/**/*"], asarUnpack: [], npmRebuild: false },
        { ...pkg, main: "src/main/main.ts" },
      ),
    ).toEqual([
      "package.json main is src/main/main.ts, not dist/main.js",
      "electron-builder extraMetadata.main differs from package.json main",
      'electron-builder files lacks "dist/**/*"',
      'electron-builder asarUnpack lacks "**/*.node"',
      "electron-builder npmRebuild is not true",
      "electron-builder appId is missing",
      "electron-builder productName differs from package.json productName",
    ]);
  });
});
