/** Virtual devices (the device side of each real protocol) and the virtual hall that starts a full set. */
export {
  VirtualPrinter,
  startVirtualPrinterOnMemory,
  startVirtualPrinterOnPty,
  startVirtualPrinterOnTcp,
  renderTicketPng,
  renderTicketText,
} from "./printer/index.ts";
export { VirtualIdCardReader, sampleCards } from "./idcard/index.ts";
export { VirtualEvaluationKeypad } from "./evaluator/index.ts";
export { VirtualLedStrip } from "./led/index.ts";
export { VirtualCallerKeypad } from "./caller/index.ts";
export { VirtualBarcodeScanner } from "./scanner/index.ts";
export * from "./cli/startVirtualHall.ts";
export { HallCommandExecutor, type HallReply } from "./cli/hallCommandExecutor.ts";
export { cardNames, type CardName, type HallCommand } from "./cli/hallCommands.ts";
export { FaultBoard, type FaultHandler } from "./core/faults.ts";
export { createMemoryTransportPair, type MemoryTransportPair } from "./core/memoryTransport.ts";
export { createPtyPair, type PtyPair } from "./core/ptyPair.ts";
export { TicketArchive } from "./cli/ticketArchive.ts";
