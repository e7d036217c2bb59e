/**
 * @onewindow/drivers, the I/O-free part: per device kind its codec, parser, pure machine and data (one namespace
 * each), and the driver core types. Drivers and real transports are in "@onewindow/drivers/node"; virtual devices
 * and the virtual hall in "@onewindow/drivers/virtual".
 */
export * as printer from "./printer/pure.ts";
export * as idcard from "./idcard/pure.ts";
export * as evaluator from "./evaluator/pure.ts";
export * as led from "./led/pure.ts";
export * as caller from "./caller/pure.ts";
export * as scanner from "./scanner/pure.ts";
export * as frame from "./frame/pure.ts";
export { DriverError, DriverErrorCode, isDriverError } from "./core/errors.ts";
export { healthy, notOpened, type DeviceHealth, type DeviceHealthState } from "./core/health.ts";
export type { DeviceDriver, DeviceDriverEvents, DeviceDriverOptions } from "./core/deviceDriver.ts";
export type { ReconnectOption, ReconnectPolicy } from "./core/reconnector.ts";
export {
  defaultGarbage,
  defaultSlowMs,
  faultKnobs,
  type FaultDetail,
  type FaultKnob,
  type FaultSwitchable,
} from "./core/faults.ts";
export type { Cable, Transport } from "./core/transport.ts";
