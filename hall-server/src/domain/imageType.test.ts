import { describe, expect, it } from "vitest";
import { imageTypeOf } from "./imageType.ts";

const bytes = (...b: number[]) => Uint8Array.from(b);

describe("imageTypeOf", () => {
  it("when a file starts with the JPEG SOI marker and a segment marker, then it is a JPEG", () => {
    expect(imageTypeOf(bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10))).toBe("image/jpeg");
  });

  it("when a file starts with the 8-byte PNG signature, then it is a PNG", () => {
    expect(imageTypeOf(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00))).toBe("image/png");
  });

  it.each([
    ["empty", bytes()],
    ["a signature and nothing after it", bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)],
    ["a PNG signature mangled by a text-mode copy (CRLF -> LF)", bytes(0x89, 0x50, 0x4e, 0x47, 0x0a, 0x1a, 0x0a, 0x00)],
    ["a GIF", bytes(0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01)],
    ["text", new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>")],
    ["two JPEG bytes only", bytes(0xff, 0xd8)],
  ])("when a file is %s, then it is no accepted image", (_name, b) => {
    expect(imageTypeOf(b)).toBeUndefined();
  });
});
