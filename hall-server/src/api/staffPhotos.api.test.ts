import type { StaffPhotoInfo } from "@onewindow/contract";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestHall, type TestHall } from "../testing/testHall.ts";

type ApiError = { error: { code: string; message: string } };

/** A real 1 × 1 PNG (the signature, IHDR, IDAT, IEND). */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);
/** A JPEG's start (SOI, APP0 "JFIF") padded to `size` bytes: the server tells the type by the first bytes only. */
const jpeg = (size = 2_000) => {
  const b = Buffer.alloc(size, 0);
  Buffer.from("ffd8ffe000104a46494600", "hex").copy(b);
  return b;
};

describe("staff photos over real HTTP", () => {
  let hall: TestHall;
  let admin: string;
  let screen: string;

  /** PUT the photo's bytes with a Content-Type (none when undefined). */
  const put = async (employeeNo: string, bytes: Buffer, type: string | undefined, token = admin) => {
    const res = await fetch(`${hall.url}/api/staff/${employeeNo}/photo`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, ...(type ? { "content-type": type } : {}) },
      body: new Uint8Array(bytes),
    });
    return { status: res.status, body: (await res.json()) as StaffPhotoInfo & ApiError };
  };
  const get = (employeeNo: string, token = screen) =>
    fetch(`${hall.url}/api/staff/${employeeNo}/photo`, { headers: { authorization: `Bearer ${token}` } });
  const stored = () => hall.server.ctx.db.prepare("SELECT count(*) AS n FROM staff_photos").get();

  beforeEach(async () => {
    hall = await startTestHall();
    admin = await hall.login("GW001");
    screen = hall.device("screen");
  });
  afterEach(async () => hall.close());

  it("when an admin stores a PNG, then a screen gets the same bytes as image/png, and the change is audited", async () => {
    const res = await put("GW005", PNG, "image/png");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      employeeNo: "GW005",
      mediaType: "image/png",
      bytes: PNG.length,
      updatedAt: hall.clock.now,
    });
    const photo = await get("GW005");
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await photo.arrayBuffer())).toEqual(PNG);
    const audit = hall.server.ctx.db.prepare("SELECT action, detail FROM audit WHERE action = 'set_staff_photo'").all();
    expect(audit).toHaveLength(1);
  });

  it("when a JPEG replaces the PNG, then the JPEG is served, told by its bytes without a Content-Type or with a generic one", async () => {
    await put("GW005", PNG, "image/png");
    const res = await put("GW005", jpeg(), undefined);
    expect(res.body.mediaType).toBe("image/jpeg");
    // What curl --data-binary and scripts send: no image type claimed, so the bytes decide.
    expect((await put("GW005", jpeg(), "application/x-www-form-urlencoded")).body.mediaType).toBe("image/jpeg");
    expect((await put("GW005", jpeg(), "application/octet-stream")).body.mediaType).toBe("image/jpeg");
    const photo = await get("GW005", await hall.login("GW006", 2));
    expect(photo.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await photo.arrayBuffer())).toEqual(jpeg());
    expect(stored()).toEqual({ n: 1 });
  });

  it("when a staff member has no photo, then 404 no_photo; an unknown employee number is 404 not_found", async () => {
    const none = await get("GW005");
    expect(none.status).toBe(404);
    expect(((await none.json()) as ApiError).error).toEqual({ code: "no_photo", message: "GW005 has no photo" });
    const unknown = await get("NOBODY");
    expect(((await unknown.json()) as ApiError).error.code).toBe("not_found");
  });

  it("when a photo is over 200 KB, then it is refused naming the limit and the size, and nothing is stored", async () => {
    const res = await put("GW005", jpeg(200 * 1024 + 1), "image/jpeg");
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^a staff photo is at most 200 KB \(204800 bytes\); this one is 200 KB/);
    expect((await put("GW005", jpeg(200 * 1024), "image/jpeg")).status).toBe(200);
    const huge = await put("GW006", jpeg(1_500_000), "image/jpeg");
    expect(huge.body.error.message).toContain("this one is 1465 KB");
    expect(stored()).toEqual({ n: 1 });
  });

  it("when a body is over the 2 MB any endpoint reads, then 413 names the limit and its size; the hall serves on", async () => {
    const photo = await put("GW006", jpeg(3_000_000), "image/jpeg");
    expect(photo.status).toBe(413);
    expect(photo.body.error).toEqual({
      code: "payload_too_large",
      message: "body too large: the limit is 2097152 bytes (2 MB), this one is 3000000 bytes",
    });
    const json = await fetch(`${hall.url}/api/notices`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: JSON.stringify({ text: "x".repeat(3_000_000) }),
    });
    expect(json.status).toBe(413);
    const jsonError = ((await json.json()) as ApiError).error;
    expect(jsonError.code).toBe("payload_too_large");
    expect(jsonError.message).toMatch(/^body too large: the limit is 2097152 bytes/);
    expect(stored()).toEqual({ n: 0 });
    expect((await put("GW006", PNG, "image/png")).status).toBe(200);
  });

  it.each([
    [
      "a GIF",
      Buffer.from("GIF89a\x01\x00\x01\x00", "latin1"),
      "image/gif",
      "must be a JPEG or PNG file; this one starts with bytes 47494638",
    ],
    ["an SVG", Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"), "image/svg+xml", "must be a JPEG or PNG file"],
    ["PNG bytes declared as JPEG", PNG, "image/jpeg", "the body is declared image/jpeg but its bytes are image/png"],
    [
      "JSON",
      Buffer.from('{"photo":"x"}'),
      "application/json",
      "the body must be the file's bytes (Content-Type image/jpeg or image/png), not JSON",
    ],
    ["an empty body", Buffer.alloc(0), "image/png", "and it was empty"],
  ])("when the body is %s, then 400 says what is wrong and nothing is stored", async (_what, bytes, type, words) => {
    const res = await put("GW005", bytes, type);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_request");
    expect(res.body.error.message).toContain(words);
    expect(stored()).toEqual({ n: 0 });
  });

  it("when a supervisor (not an admin) stores a photo, then 403 and nothing is stored", async () => {
    const res = await put("GW005", PNG, "image/png", await hall.login("GW002"));
    expect(res.status).toBe(403);
    expect(stored()).toEqual({ n: 0 });
  });

  it("when a photo is removed, then the staff member has none again; removing it twice is 404 no_photo", async () => {
    await put("GW005", PNG, "image/png");
    const removed = await hall.api<StaffPhotoInfo>("DELETE", "/api/staff/GW005/photo", undefined, admin);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ employeeNo: "GW005", mediaType: "image/png", bytes: PNG.length });
    expect((await get("GW005")).status).toBe(404);
    const again = await hall.api<ApiError>("DELETE", "/api/staff/GW005/photo", undefined, admin);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("no_photo");
  });
});
