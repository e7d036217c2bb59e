/** @onewindow/contract: message types and runtime schemas shared by hall-server, station agents and UIs. */
export * from "./enums.ts";
export * from "./catalog.ts";
export * from "./api.ts";
export type * from "./events.ts";
export type * from "./responses.ts";
export * from "./masking.ts";
export * from "./realtime.ts";
