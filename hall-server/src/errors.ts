import type { ErrorCode } from "@onewindow/contract";

const statusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  item_closed: 409,
  cap_reached: 409,
  not_signed_in: 409,
  window_busy: 409,
  no_ticket: 404,
  no_photo: 404,
  invalid_state: 409,
  voice_unavailable: 503,
  internal: 500,
};

/** The HTTP status every answer with error `code` carries. */
export function httpStatusOf(code: ErrorCode): number {
  return statusOf[code];
}

/** A refusal with a stable machine-readable code; the API turns it into HTTP `status` + `{error}`. */
export class AppError extends Error {
  override name = "AppError";
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = statusOf[code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
