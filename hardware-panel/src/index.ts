/**
 * @onewindow/hardware-panel: the demo's virtual hardware panel (page in page/, server here). Only the demo process
 * imports this workspace; a production hall-server never does.
 */
export { startPanelServer, isSameOrigin, type PanelServer, type PanelServerOptions } from "./panelServer.ts";
export { createPanelDevices, sampleCardViews, PanelRefusal, type PanelDevices } from "./panelDevices.ts";
export { ensurePanelBundle, panelPage } from "./panelBundle.ts";
export * from "./protocol.ts";
