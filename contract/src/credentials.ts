/** Staff credentials' rules, one for every place that takes them (catalogue import, sign-in, the PIN endpoints, CLI). */
import { z } from "zod";

/** A staff PIN: 6-12 ASCII digits. */
export const Pin = z.string().regex(/^\d{6,12}$/, "PIN must be 6-12 digits");

/** A supervisor's or admin's password as set (import, CLI): 8-200 characters. Sign-in accepts any 1-200. */
export const NewPassword = z.string().min(8, "password must be at least 8 characters").max(200);
