/** Real transports: serial ports (and socat PTYs), TCP 9100, USB printer-class device files, HID via node-hid. */
export { SerialTransport, type SerialTransportOptions } from "./core/serialTransport.ts";
export * from "./core/tcpTransport.ts";
export * from "./core/fileTransport.ts";
export * from "./core/hidTransport.ts";
export { createPtyPair, type PtyPair } from "./core/ptyPair.ts";
