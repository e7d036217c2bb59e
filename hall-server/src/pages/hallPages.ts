/**
 * The pages this hall serves (mountPages.ts mounts them; ensureHallPages.ts builds them). Add a page here: its bundle
 * (a web-build page), its path, its title on the front page.
 */
import { hallScreenPage } from "@onewindow/hall-screen-page";
import { counterPage } from "@onewindow/counter-page";
import { kioskPage } from "@onewindow/kiosk-page";
import { statusPage } from "@onewindow/status-page";
import type { HallPage } from "./hallPage.ts";

export const hallPages: readonly HallPage[] = [
  // The kiosk's page, opened by the kiosk's shell with its station agent's loopback address in the fragment.
  {
    name: "kiosk-page",
    mountPath: "/kiosk",
    bundle: kioskPage,
    title: { "zh-CN": "自助取号", en: "Take a ticket (kiosk)" },
    connectSrc: ["ws://127.0.0.1:*"],
  },
  // The hall's big screen (叫号大屏): paired once with a screen device's code, then follows /ws and speaks the calls.
  {
    name: "hall-screen-page",
    mountPath: "/hall-screen",
    bundle: hallScreenPage,
    title: { "zh-CN": "叫号大屏", en: "Hall screen" },
  },
  // The counter's two pages, one bundle (the page picks by its path): the staff console and the citizen-facing window
  // screen (/window/<n>), both opened by the counter's shell with its station agent's loopback address in the fragment.
  {
    name: "counter-page",
    mountPath: "/counter",
    bundle: counterPage,
    title: { "zh-CN": "窗口工作台", en: "Counter console" },
    connectSrc: ["ws://127.0.0.1:*"],
  },
  { name: "window-screen", mountPath: "/window", bundle: counterPage, connectSrc: ["ws://127.0.0.1:*"] },
  // The citizen's phone status page: opened from the link (QR code) on a ticket, /t/<public token>.
  { name: "status-page", mountPath: "/t", bundle: statusPage },
];
