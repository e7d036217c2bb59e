/**
 * Which browser permissions the pages in the kiosk window get: none. The kiosk page reaches the printer, the card
 * reader and the scanner only through the station agent; camera, microphone, geolocation, notifications, clipboard
 * and the WebHID/WebSerial/WebUSB device pickers are refused. main/kioskWindow.ts applies this to the session's
 * permission request and check handlers and its device-selection events.
 */
import { navigationVerdict } from "./navigationGuard.ts";

/** Permissions the kiosk page needs. Empty: add one only with the page feature that needs it. */
export const PAGE_PERMISSIONS: ReadonlySet<string> = new Set<string>();

/** Whether `permission` (Electron's permission name) is granted to a page at `requestingUrl`. */
export function permissionGranted(permission: string, requestingUrl: string, kioskBase: string): boolean {
  return PAGE_PERMISSIONS.has(permission) && navigationVerdict(requestingUrl, kioskBase) === "kiosk";
}
