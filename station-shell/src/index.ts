/**
 * @onewindow/station-shell: what the Electron shells (kiosk/, counter-display/) share, as plain functions tested in
 * Node (README.md). No electron here: the main-process parts are `@onewindow/station-shell/main`; the build is
 * `@onewindow/station-shell/build`; test helpers are `@onewindow/station-shell/testing`.
 */
export {
  SHELL_CONFIG_SHAPE,
  assertAgentAdmitsPages,
  pagePath,
  parseShellConfigWith,
  shellConfigPathOf,
  supervisorRulesOf,
  type ShellConfigBase,
} from "./config/shellConfigParts.ts";
export {
  MAX_FALLBACK_WAIT_SECONDS,
  formatFallbackFragment,
  healthUrlOf,
  parseFallbackFragment,
  type FallbackAddress,
  type FallbackReason,
} from "./fallback/fallbackAddress.ts";
export { FALLBACK_VARIANTS, FALLBACK_WORDS, type FallbackVariant } from "./fallback/fallbackWords.ts";
export { probeHealth } from "./health/healthProbe.ts";
export { FALLBACK_FILES, fallbackFileFor } from "./policy/fallbackAssets.ts";
export { ERR_ABORTED, isServerError, isUnreachable, type FailedLoad } from "./policy/loadFailure.ts";
export { NEW_WINDOW_DENIED, navigationVerdict, type NavigationVerdict } from "./policy/navigationGuard.ts";
export { PAIRED_CHECK_MS, PairingGate, type PairingActions } from "./policy/pairingGate.ts";
export { PAGE_PERMISSIONS, permissionGranted } from "./policy/permissions.ts";
export {
  SHELL_BACKGROUND,
  devToolsAllowed,
  lockedRendererPreferences,
  type LockedRendererPreferences,
} from "./policy/rendererPreferences.ts";
export { decideRestart, restartsInWindow, type RestartDecision, type RestartRules } from "./policy/restartPolicy.ts";
export {
  FALLBACK_FIRST_WAIT_SECONDS,
  FALLBACK_WATCHDOG_MS,
  ShellSupervisor,
  type ShellLog,
  type ShellView,
  type SupervisorRules,
} from "./policy/shellSupervisor.ts";
export { FALLBACK_PAGE_URL, fallbackPageUrl, forLog, pageBase, pageUrl, pairingPageUrl } from "./policy/shellUrls.ts";
export { isBlockedShortcut, type KeyInput } from "./policy/shortcuts.ts";
export {
  instanceRole,
  secondInstanceSteps,
  type SecondInstanceStep,
  type ShellWindowState,
} from "./policy/singleInstance.ts";
