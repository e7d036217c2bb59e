import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, resolveConfig } from "../config.ts";

describe("the config's voice section", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "onewindow-voice-config-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const refusal = (voice: unknown) => {
    try {
      resolveConfig({ voice }, dir);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error("the config was accepted");
  };

  it("when the section is absent, then the engine is chosen at start, said twice, Mandarin only, with the chime", () => {
    expect(resolveConfig({}, dir).voice).toEqual({ repeat: 2, languages: ["zh"], chime: true });
  });

  it.each([0, 6, 2.5, "2"])(
    "when repeat is %j, then the config is refused naming voice.repeat and its range",
    (repeat) => {
      expect(refusal({ repeat })).toMatch(/voice\.repeat: must be (a whole number )?1-5/);
    },
  );

  it.each([[["en"]], [["en", "zh"]], [[]], [["zh", "fr"]]])(
    "when languages is %j, then the config is refused saying what is allowed",
    (languages) => {
      expect(refusal({ languages })).toContain('voice.languages: must be ["zh"] or ["zh", "en"] (Mandarin first)');
    },
  );

  it("when the engine is not one of the three, then the config is refused naming them", () => {
    expect(refusal({ engine: "festival" })).toContain('voice.engine: must be "espeak-ng", "clips" or "off"');
  });

  it("when the clip pack folder does not exist, or is a file, then the config is refused naming the path", () => {
    expect(refusal({ engine: "clips", clipPack: "no-such-pack" })).toContain(
      `voice.clipPack: no such folder ${join(dir, "no-such-pack")}`,
    );
    writeFileSync(join(dir, "pack.wav"), "");
    expect(refusal({ engine: "clips", clipPack: "pack.wav" })).toContain(`${join(dir, "pack.wav")} is a file`);
  });

  it('when engine is "clips" without a pack, or a pack is given with espeak-ng, then the config is refused saying which', () => {
    expect(refusal({ engine: "clips" })).toContain('voice.clipPack: engine "clips" needs clipPack');
    mkdirSync(join(dir, "pack"));
    expect(refusal({ engine: "espeak-ng", clipPack: "pack" })).toContain(
      'voice.clipPack: clipPack is only read with engine "clips"',
    );
  });

  it("when the clip pack is a relative folder, then it is resolved against the config file's folder", () => {
    mkdirSync(join(dir, "clips"));
    expect(resolveConfig({ voice: { clipPack: "clips", repeat: 3 } }, dir).voice).toEqual({
      clipPack: join(dir, "clips"),
      repeat: 3,
      languages: ["zh"],
      chime: true,
    });
  });
});
