/** Staff photos (migration 007): one JPEG or PNG per staff member, stored in the database so backups carry it. */
import type { PhotoMediaType } from "@onewindow/contract";
import type { Db } from "./db.ts";

export interface StaffPhotoRow {
  staff_id: number;
  media_type: PhotoMediaType;
  bytes: Buffer;
  updated_at: number;
}

/** A photo's facts without its bytes. */
export type StaffPhotoFacts = Omit<StaffPhotoRow, "bytes"> & { size: number };

/** Statements over `staff_photos`, prepared once per database. */
export class StaffPhotoStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      put: db.prepare<[number, PhotoMediaType, Buffer, number]>(
        `INSERT INTO staff_photos (staff_id, media_type, bytes, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(staff_id) DO UPDATE SET media_type = excluded.media_type, bytes = excluded.bytes,
           updated_at = excluded.updated_at`,
      ),
      get: db.prepare<[number], StaffPhotoRow>("SELECT * FROM staff_photos WHERE staff_id = ?"),
      facts: db.prepare<[number], StaffPhotoFacts>(
        "SELECT staff_id, media_type, updated_at, length(bytes) AS size FROM staff_photos WHERE staff_id = ?",
      ),
      remove: db.prepare<[number]>("DELETE FROM staff_photos WHERE staff_id = ?"),
    };
  }

  /** Store (or replace) a staff member's photo. */
  put(staffId: number, mediaType: PhotoMediaType, bytes: Buffer, at: number): void {
    this.s.put.run(staffId, mediaType, bytes, at);
  }

  /** The photo with its bytes, or undefined when the staff member has none. */
  get(staffId: number): StaffPhotoRow | undefined {
    return this.s.get.get(staffId);
  }

  /** The photo's type, size and time without reading its bytes, or undefined. */
  facts(staffId: number): StaffPhotoFacts | undefined {
    return this.s.facts.get(staffId);
  }

  /** Remove the photo; returns whether there was one. */
  remove(staffId: number): boolean {
    return this.s.remove.run(staffId).changes === 1;
  }
}
