/** @onewindow/contract: message types and runtime schemas shared by hall-server, station agents and UIs. */
export * from "./enums.ts";
export * from "./credentials.ts";
export * from "./catalog.ts";
export * from "./api.ts";
export * from "./events.ts";
export * from "./ratings.ts";
export * from "./responses.ts";
export * from "./masking.ts";
export * from "./printing.ts";
export * from "./realtime.ts";
export * from "./agentWords.ts";
export * from "./agent.ts";
export * from "./counterAgent.ts";
export * from "./counterActions.ts";
export * from "./wedge.ts";
export * from "./waitWords.ts";
