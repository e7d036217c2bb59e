/** hall-server domain: pure queue logic (the service day, numbering, ticket states, waiting index, call policy, ETA, appointments, Erlang C, staffing advice). */
export * from "./serviceDay.ts";
export * from "./numbering.ts";
export * from "./ticketMachine.ts";
export * from "./waitingQueues.ts";
export * from "./callPolicy.ts";
export * from "./calls.ts";
export * from "./eta.ts";
export * from "./appointments.ts";
export * from "./serviceHours.ts";
export * from "./caps.ts";
export * from "./erlangC.ts";
export * from "./arrivalTrend.ts";
export * from "./sharedServers.ts";
export * from "./staffingAdvice.ts";
export * from "./forecast/index.ts";
export * from "./ratings/ratingRules.ts";
export * from "./ratings/indicators.ts";
