/** Serving the hall's pages (kiosk, phone status page): see mountPages.ts, servePage.ts, hallPages.ts. */
export { type HallPage, RESERVED_PATHS, mountPathProblem } from "./hallPage.ts";
export { hallPages } from "./hallPages.ts";
export { mountPages } from "./mountPages.ts";
export { pageRouter, missingBundlePage, BUILD_COMMAND, IMMUTABLE } from "./servePage.ts";
export { contentSecurityPolicy, setPageHeaders } from "./pageHeaders.ts";
export { ensureHallPages } from "./ensureHallPages.ts";
