/**
 * @onewindow/drivers: one namespace per device kind (codec, parser, machine, driver, virtual twin), plus the shared
 * driver core (errors, health, the Transport interface). Drivers take an injected Transport; real transports are
 * in "@onewindow/drivers/node", virtual devices and the virtual hall in "@onewindow/drivers/virtual".
 */
export * as printer from "./printer/index.ts";
export * as idcard from "./idcard/index.ts";
export * as evaluator from "./evaluator/index.ts";
export * as led from "./led/index.ts";
export * as caller from "./caller/index.ts";
export * as frame from "./frame/index.ts";
export { DriverError, DriverErrorCode, isDriverError } from "./core/errors.ts";
export { healthy, type DeviceHealth, type DeviceHealthState } from "./core/health.ts";
export type { Transport } from "./core/transport.ts";
export { Waiter } from "./core/waiter.ts";
