/** @onewindow/contract: message types and runtime schemas shared by hall-server, station agents and UIs. */
export * from "./enums.ts";
export * from "./catalog.ts";
