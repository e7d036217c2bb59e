/**
 * Staff accounts: sign-in lockouts, PINs and passwords, skills, and the photo the window screen shows.
 */
import {
  CredentialSet,
  LockoutList,
  PhotoMediaType,
  SetPasswordBody,
  SetPinBody,
  SkillList,
  SkillsResult,
  StaffPhotoInfo,
  UnlockResult,
} from "@onewindow/contract";
import { z } from "zod";
import { setStaffPassword, setStaffPin } from "../../services/credentials.ts";
import { listLockouts, unlockSignIn } from "../../services/signInGuard.ts";
import { setSkills } from "../../services/skills.ts";
import { removeStaffPhoto, setStaffPhoto, staffPhoto } from "../../services/staffPhotos.ts";
import { actorOf, staffOf } from "../principalOf.ts";
import { ADMIN, BinaryAnswer, HALL_WATCHERS, SUPERVISORS, route, type Route } from "../route.ts";
import { EmptyBody } from "./shared.ts";

const SkillsBody = z.strictObject({ skills: SkillList.max(500) });

export const staffRoutes: Route[] = [
  route({
    method: "get",
    path: "/api/staff/lockouts",
    summary: "Sign-in lockouts in force.",
    answer: LockoutList,
    access: SUPERVISORS,
    handle: ({ ctx }) => listLockouts(ctx),
  }),
  route({
    method: "post",
    path: "/api/staff/:employeeNo/unlock",
    summary: "Clear an account's failed sign-ins from every source.",
    answer: UnlockResult,
    errors: ["not_found"],
    access: SUPERVISORS,
    body: EmptyBody,
    handle: ({ ctx, principal, params }) => unlockSignIn(ctx, actorOf(principal), params.employeeNo ?? ""),
  }),
  route({
    method: "put",
    path: "/api/staff/:employeeNo/pin",
    summary: "Set or reset an active staff member's PIN (6-12 digits); clears their sign-in lockouts.",
    answer: CredentialSet,
    errors: ["not_found"],
    access: ADMIN,
    body: SetPinBody,
    handle: ({ ctx, principal, params, body }) =>
      setStaffPin(ctx, actorOf(principal), params.employeeNo ?? "", body.pin),
  }),
  route({
    method: "put",
    path: "/api/staff/:employeeNo/password",
    summary: "Set or reset an active staff member's password (8-200 characters); clears their sign-in lockouts.",
    answer: CredentialSet,
    errors: ["not_found"],
    access: ADMIN,
    body: SetPasswordBody,
    handle: ({ ctx, principal, params, body }) =>
      setStaffPassword(ctx, actorOf(principal), params.employeeNo ?? "", body.password),
  }),
  route({
    method: "put",
    path: "/api/staff/:employeeNo/skills",
    summary: "Replace a staff member's skills (item codes with weights).",
    answer: SkillsResult,
    errors: ["not_found"],
    access: SUPERVISORS,
    body: SkillsBody,
    handle: ({ ctx, principal, params, body }) =>
      setSkills(ctx, staffOf(principal).staffId, params.employeeNo ?? "", body.skills),
  }),
  route({
    method: "get",
    path: "/api/staff/:employeeNo/photo",
    summary: "A staff member's photo (JPEG or PNG) for the window screen; 404 no_photo when they have none.",
    answer: BinaryAnswer,
    produces: ["image/jpeg", "image/png"],
    headers: { "Cache-Control": "no-cache: an admin may replace the photo at any time, so revalidate every time." },
    errors: ["not_found", "no_photo"],
    access: HALL_WATCHERS,
    handle: ({ ctx, params }) => {
      const photo = staffPhoto(ctx, params.employeeNo ?? "");
      return { bytes: photo.bytes, mediaType: photo.mediaType, headers: { "Cache-Control": "no-cache" } };
    },
  }),
  route({
    method: "put",
    path: "/api/staff/:employeeNo/photo",
    summary:
      "Store a staff member's photo: the body is the file's bytes, JPEG or PNG (told by its first bytes), at most 200 KB.",
    answer: StaffPhotoInfo,
    errors: ["not_found"],
    access: ADMIN,
    rawBody: { mediaTypes: PhotoMediaType.options },
    handle: ({ ctx, principal, params, raw }) =>
      setStaffPhoto(ctx, actorOf(principal), params.employeeNo ?? "", raw!.bytes, raw!.declaredType),
  }),
  route({
    method: "delete",
    path: "/api/staff/:employeeNo/photo",
    summary: "Remove a staff member's photo; 404 no_photo when they have none.",
    answer: StaffPhotoInfo,
    errors: ["not_found", "no_photo"],
    access: ADMIN,
    handle: ({ ctx, principal, params }) => removeStaffPhoto(ctx, actorOf(principal), params.employeeNo ?? ""),
  }),
];
