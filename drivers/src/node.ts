/**
 * Drivers (per device kind, with their pure parts), the real transports (serial, TCP 9100, USB lp, HID), the memory
 * link, and the driver core (one reconnect loop, one command queue; the face is core/deviceDriver.ts).
 */
export * as printer from "./printer/index.ts";
export * as idcard from "./idcard/index.ts";
export * as evaluator from "./evaluator/index.ts";
export * as led from "./led/index.ts";
export * as caller from "./caller/index.ts";
export * as scanner from "./scanner/index.ts";
export * as frame from "./frame/index.ts";
export { SerialTransport, type SerialTransportOptions } from "./core/serialTransport.ts";
export * from "./core/tcpTransport.ts";
export * from "./core/fileTransport.ts";
export * from "./core/hidTransport.ts";
export { createPtyPair, type PtyPair } from "./core/ptyPair.ts";
export { Waiter } from "./core/waiter.ts";
export { CommandQueue } from "./core/commandQueue.ts";
export { Reconnector, type ReconnectorOptions } from "./core/reconnector.ts";
export {
  createMemoryTransportPair,
  type MemoryTransportPair,
  type MemoryTransportPairOptions,
} from "./core/memoryTransport.ts";
