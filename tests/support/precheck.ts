/**
 * Run first by `npm test`: is this machine set up for the tests? Names every missing Debian package in one line
 * and exits 1, instead of a wall of failing tests. `.ci/run` installs them on a fresh machine.
 *
 *   required  socat                the serial drivers' tests run over real pseudo-terminal pairs (drivers/src/core/ptyPair.ts)
 *   required  chromium             the browser tests (playwright.config.ts) drive Debian's /usr/bin/chromium
 *   optional  fonts-wqy-microhei   printed tickets and pages render Chinese; without a CJK font they draw boxes (a note)
 *   required  espeak-ng            the hall's voice (hall-server/src/voice/) is tested on the audio espeak-ng -v cmn makes
 */
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/** Whether `command` is an executable on PATH. */
function onPath(command: string, path = process.env.PATH ?? ""): boolean {
  return path.split(delimiter).some((dir) => dir !== "" && existsSync(join(dir, command)));
}

const CJK_FONTS = [
  "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
  "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/truetype/arphic/uming.ttc",
];

const missing = [
  { pkg: "socat", ok: onPath("socat") },
  // Playwright is told this exact path (playwright.config.ts): Debian's build, not a downloaded one.
  { pkg: "chromium", ok: existsSync("/usr/bin/chromium") },
  { pkg: "espeak-ng", ok: onPath("espeak-ng") },
]
  .filter((c) => !c.ok)
  .map((c) => c.pkg);
if (missing.length > 0) {
  console.error(
    `npm test: this machine lacks the Debian package${missing.length > 1 ? "s" : ""} ${missing.join(", ")}: ` +
      `sudo apt-get install ${missing.join(" ")} (or run .ci/run, which installs everything a fresh machine lacks)`,
  );
  process.exit(1);
}
if (!CJK_FONTS.some((f) => existsSync(f)) && !process.env.ONEWINDOW_TICKET_FONT)
  console.error(
    "npm test: note: no CJK font (fonts-wqy-microhei), so ticket PNGs and screenshots draw Chinese as boxes; tests still pass",
  );
