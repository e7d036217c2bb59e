/** @onewindow/web-build: one way to build and serve-ready the station pages (see pageConfig.ts, ensureBundle.ts). */
export { stationPageConfig, type StationPage } from "./pageConfig.ts";
export { ensureBundle, isCurrent, sourceHash, type BundleInputs, type BundleResult } from "./ensureBundle.ts";
