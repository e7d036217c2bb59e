/**
 * What a shell's electron-builder config must agree on with its package.json and build/buildShellApp.ts, for its
 * packaging.test.ts: the app's entry is the built dist/main.js, the built files go in, and native modules
 * (better-sqlite3, serialport, node-hid) are rebuilt for Electron and kept outside the asar archive (they cannot
 * load from inside it).
 */

/** Problems in `builder` (electron-builder.json) against `pkg` (package.json), in words; empty when it agrees. */
export function packagingProblems(builder: Record<string, unknown>, pkg: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
  if (pkg.main !== "dist/main.js") problems.push(`package.json main is ${String(pkg.main)}, not dist/main.js`);
  const meta = builder.extraMetadata as { main?: unknown } | undefined;
  if (meta?.main !== pkg.main) problems.push("electron-builder extraMetadata.main differs from package.json main");
  if (!list(builder.files).includes("dist/**/*")) problems.push('electron-builder files lacks "dist/**/*"');
  if (!list(builder.asarUnpack).includes("**/*.node")) problems.push('electron-builder asarUnpack lacks "**/*.node"');
  if (builder.npmRebuild !== true) problems.push("electron-builder npmRebuild is not true");
  if (typeof builder.appId !== "string" || builder.appId === "") problems.push("electron-builder appId is missing");
  if (builder.productName !== pkg.productName)
    problems.push("electron-builder productName differs from package.json productName");
  return problems;
}
