/** Public API of the serial barcode scanner: the line codec, the BarcodeScanner driver and its virtual twin. */
export * from "./pure.ts";
export { BarcodeScanner, type BarcodeScannerEvents, type BarcodeScannerOptions, type Scan } from "./driver.ts";
export { VirtualBarcodeScanner, type VirtualBarcodeScannerOptions } from "./virtual.ts";
