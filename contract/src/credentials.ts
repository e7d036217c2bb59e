/** Staff credentials' rules, one for every place that takes them (catalogue import, sign-in, the PIN endpoints, CLI). */
import { z } from "zod";

/** How many ASCII digits a staff PIN has: the one rule, checked by the counter page before sending too. */
export const PIN_DIGITS = Object.freeze({ min: 6, max: 12 });
const PIN_PATTERN = new RegExp(`^\\d{${PIN_DIGITS.min},${PIN_DIGITS.max}}$`);

/** Whether `value` is a well-formed PIN (see PIN_DIGITS). */
export const isPin = (value: string): boolean => PIN_PATTERN.test(value);

/** A staff PIN: 6-12 ASCII digits. */
export const Pin = z.string().regex(PIN_PATTERN, `PIN must be ${PIN_DIGITS.min}-${PIN_DIGITS.max} digits`);

/** A supervisor's or admin's password as set (import, CLI): 8-200 characters. Sign-in accepts any 1-200. */
export const NewPassword = z.string().min(8, "password must be at least 8 characters").max(200);
