/**
 * Why a security primitive refused its input. Stable, machine-readable; callers map them to HTTP
 * statuses or boot failures. Messages never contain key material or personal data.
 */
export type SecurityErrorCode =
  | "KEYRING_UNREADABLE"
  | "KEYRING_PERMISSIONS"
  | "KEYRING_INVALID"
  | "SEALED_MALFORMED"
  | "SEALED_UNAUTHENTICATED"
  | "INVALID_ARGUMENT";

/** The one error type thrown by `security/`: a stable `code` plus a human-readable message. */
export class SecurityError extends Error {
  override readonly name = "SecurityError";

  /** @param code stable reason; @param message says what was wrong and, for files, which file. */
  constructor(
    readonly code: SecurityErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when `value` is a `SecurityError` (optionally with the given code). */
export function isSecurityError(value: unknown, code?: SecurityErrorCode): value is SecurityError {
  return value instanceof SecurityError && (code === undefined || value.code === code);
}
