/** Debian's Chromium as every browser test and benchmark here launches it (no sandbox in containers, quiet). */
export const DEBIAN_CHROMIUM = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};
