/**
 * Security primitives of hall-server: slow hashing of staff secrets, the key file, personal-data
 * hashing/masking/encryption, device tokens and pairing codes, rate limiting, and log redaction.
 */
export * from "./errors.ts";
export * from "./passwords.ts";
export * from "./keyring.ts";
export * from "./personalData.ts";
export * from "./tokens.ts";
export * from "./rateLimiter.ts";
export * from "./redact.ts";
export * from "./loginLockout.ts";
