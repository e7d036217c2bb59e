/**
 * @onewindow/station-shell/main: the Electron main-process parts every shell shares. Imports electron: only a
 * shell's src/main/ may import this (lint, and each shell's electronBoundary.test.ts).
 */
export { registerFallbackScheme, serveFallbackPage } from "./fallbackProtocol.ts";
export { lockDownContents, lockDownSession, type ContentsRules } from "./lockDown.ts";
export { loadInto, superviseWindow, type SupervisedWindowSetup } from "./supervisedWindow.ts";
