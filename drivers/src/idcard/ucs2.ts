/** UCS-2 little-endian helpers shared by the text block and the appended address (devices.md §1.6). Pure. */

/** Read `length` bytes at `offset` as UCS-2LE code units; bytes past the end read as 0. Never throws. */
export function readUcs2(bytes: Uint8Array, offset: number, length: number): string {
  let text = "";
  for (let i = offset; i + 1 < offset + length; i += 2)
    text += String.fromCharCode((bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8));
  return text;
}

/** Drop the trailing padding: spaces per §1.6, and NULs, which some readers leave instead. */
export function trimPadding(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === " " || text.charCodeAt(end - 1) === 0)) end--;
  return text.slice(0, end);
}

/** Write `text` as UCS-2LE into `out` at `offset`, cut or space-padded to exactly `length` bytes. */
export function writeUcs2(out: Uint8Array, offset: number, length: number, text: string): void {
  const units = text.slice(0, length / 2).padEnd(length / 2, " ");
  for (let i = 0; i < length / 2; i++) {
    const code = units.charCodeAt(i);
    out[offset + 2 * i] = code & 0xff;
    out[offset + 2 * i + 1] = code >> 8;
  }
}
