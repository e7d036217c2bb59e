/**
 * Which browser permissions the pages in a shell window get: none. The kiosk page and the counter's pages reach the
 * printer, card reader, scanner, keypads and LED strip only through the station agent; camera, microphone,
 * geolocation, notifications, clipboard and the WebHID/WebSerial/WebUSB device pickers are refused.
 * main/lockDown.ts applies this to the session's permission request and check handlers and its device-selection
 * events.
 */
import { navigationVerdict } from "./navigationGuard.ts";

/** Permissions the shells' pages need. Empty: add one only with the page feature that needs it. */
export const PAGE_PERMISSIONS: ReadonlySet<string> = new Set<string>();

/**
 * Whether `permission` (Electron's permission name) is granted to a page at `requestingUrl`: only a listed
 * permission, and only to one of the shell's own pages `pageBases` (shellUrls.ts `pageBase`).
 */
export function permissionGranted(permission: string, requestingUrl: string, pageBases: readonly string[]): boolean {
  return (
    PAGE_PERMISSIONS.has(permission) && pageBases.some((base) => navigationVerdict(requestingUrl, base) === "page")
  );
}
