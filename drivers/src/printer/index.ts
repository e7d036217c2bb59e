/** Public API of the ESC/POS ticket printer: encoder, layouts, profiles, status, driver, virtual printer, renderer. */
export * from "./pure.ts";
export {
  PrinterDriver,
  type PrintJob,
  type PrintOptions,
  type PrintReceipt,
  type PrinterDriverOptions,
} from "./driver.ts";
export {
  startVirtualPrinterOnMemory,
  startVirtualPrinterOnPty,
  startVirtualPrinterOnTcp,
  VirtualPrinter,
  type VirtualPrinterOnMemory,
  type VirtualPrinterOnPty,
  type VirtualPrinterOnTcp,
  type VirtualPrinterOptions,
} from "./virtual.ts";
export { renderTicketPng, renderTicketText, ticketFont } from "./render.ts";
