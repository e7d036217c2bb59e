/** The wait forecast: learned handle times and a Monte Carlo simulation of the hall under the real call policy. */
export * from "./random.ts";
export * from "./handleTimes.ts";
export * from "./simQueues.ts";
export * from "./forecastWaits.ts";
export * from "./ticketForecasts.ts";
export * from "./packedWaiting.ts";
export * from "./hallLearner.ts";
export * from "./waitCalibration.ts";
