/**
 * The pages this hall serves (mountPages.ts mounts them; ensureHallPages.ts builds them). Add a page here: its bundle
 * (a web-build page), its path, its title on the front page.
 */
import { statusPage } from "@onewindow/status-page";
import type { HallPage } from "./hallPage.ts";

export const hallPages: readonly HallPage[] = [
  // The citizen's phone status page: opened from the link (QR code) on a ticket, /t/<public token>.
  { name: "status-page", mountPath: "/t", bundle: statusPage },
];
