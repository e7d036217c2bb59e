/** Byte checksums shared by the device protocols (SAM ID-card frames, keypad and LED frames). Pure. */

/** XOR of all bytes. */
export function xor8(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

/** Sum of all bytes modulo 256. */
export function sum8(bytes: Uint8Array): number {
  let s = 0;
  for (const b of bytes) s = (s + b) & 0xff;
  return s;
}

/** CRC-16/MODBUS (poly 0xA001 reflected, init 0xFFFF). */
export function crc16Modbus(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const b of bytes) {
    crc ^= b;
    for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}
