/**
 * Staff photos for the window screen (the citizen sees who serves them): an admin stores a JPEG or PNG of at most
 * STAFF_PHOTO_MAX_BYTES per staff member, in the database (backups carry it). The type is told by the file's first
 * bytes; a declared image Content-Type must agree with them. Every change is audited; the bytes are never logged.
 */
import { STAFF_PHOTO_MAX_BYTES, type PhotoMediaType, type StaffPhotoInfo } from "@onewindow/contract";
import { imageTypeOf } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import type { StaffPhotoFacts } from "../store/staffPhotoStore.ts";
import type { CachedStaff } from "./catalogCache.ts";
import type { HallContext } from "./context.ts";

/** Who changes a photo: an admin over the API, or the operator at the CLI. */
export type PhotoActor = { staffId: number } | "cli";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;

function staffMember(ctx: HallContext, employeeNo: string): CachedStaff {
  const staff = ctx.catalog.staffByNo.get(employeeNo);
  if (!staff) throw new AppError("not_found", `no staff member ${employeeNo}`);
  return staff;
}

const infoOf = (employeeNo: string, f: StaffPhotoFacts): StaffPhotoInfo => ({
  employeeNo,
  mediaType: f.media_type,
  bytes: f.size,
  updatedAt: f.updated_at,
});

/**
 * Store `bytes` as the photo of staff member `employeeNo` (replacing any), returning what was stored.
 * `declaredType` is the request's Content-Type (media type only), when there was one. Throws AppError `not_found`
 * for an unknown employee number, `bad_request` for an empty body, one over the limit, one that is neither JPEG nor
 * PNG by its first bytes, or one declared as another image type than its bytes are.
 */
export function setStaffPhoto(
  ctx: HallContext,
  actor: PhotoActor,
  employeeNo: string,
  bytes: Buffer,
  declaredType?: string,
): StaffPhotoInfo {
  const staff = staffMember(ctx, employeeNo);
  if (bytes.length === 0)
    throw new AppError("bad_request", "the body must be the photo's bytes (a JPEG or PNG file); it was empty");
  if (bytes.length > STAFF_PHOTO_MAX_BYTES)
    throw new AppError(
      "bad_request",
      `a staff photo is at most ${kb(STAFF_PHOTO_MAX_BYTES)} (${STAFF_PHOTO_MAX_BYTES} bytes); this one is ${kb(bytes.length)}: ` +
        "scale it down (a window screen shows it at about 300 × 400 pixels)",
    );
  const type: PhotoMediaType | undefined = imageTypeOf(bytes);
  if (!type)
    throw new AppError(
      "bad_request",
      `a staff photo must be a JPEG or PNG file; this one starts with bytes ${bytes.subarray(0, 4).toString("hex")}`,
    );
  // Only a declared image type is held against the bytes: curl's --data-binary says form data, a script may say
  // octet-stream, and neither claims to be another image.
  if (declaredType?.startsWith("image/") && declaredType !== type)
    throw new AppError("bad_request", `the body is declared ${declaredType} but its bytes are ${type}`);
  return ctx.commit((tx) => {
    ctx.store.staffPhotos.put(staff.id, type, bytes, tx.now);
    ctx.store.audit.record(tx.now, actor === "cli" ? "cli" : `staff:${actor.staffId}`, "set_staff_photo", {
      employeeNo,
      mediaType: type,
      bytes: bytes.length,
    });
    return { employeeNo, mediaType: type, bytes: bytes.length, updatedAt: tx.now };
  });
}

/**
 * The photo of staff member `employeeNo`. Throws AppError `not_found` for an unknown employee number, `no_photo`
 * when they have none (the screen then shows no picture).
 */
export function staffPhoto(ctx: HallContext, employeeNo: string): { mediaType: PhotoMediaType; bytes: Buffer } {
  const staff = staffMember(ctx, employeeNo);
  const row = ctx.store.staffPhotos.get(staff.id);
  if (!row) throw new AppError("no_photo", `${employeeNo} has no photo`);
  return { mediaType: row.media_type, bytes: row.bytes };
}

/** Remove the photo of `employeeNo` (audited), returning what was removed; errors as `staffPhoto`. */
export function removeStaffPhoto(ctx: HallContext, actor: PhotoActor, employeeNo: string): StaffPhotoInfo {
  const staff = staffMember(ctx, employeeNo);
  return ctx.commit((tx) => {
    const facts = ctx.store.staffPhotos.facts(staff.id);
    if (!facts) throw new AppError("no_photo", `${employeeNo} has no photo`);
    ctx.store.staffPhotos.remove(staff.id);
    ctx.store.audit.record(tx.now, actor === "cli" ? "cli" : `staff:${actor.staffId}`, "remove_staff_photo", {
      employeeNo,
    });
    return infoOf(employeeNo, facts);
  });
}
