/** @onewindow/hall-server public API: build, start and stop a hall-server in-process. */
export { createHallServer, type HallServer } from "./server.ts";
export { resolveConfig, loadConfigFile, HallConfig, ConfigError, type ResolvedConfig } from "./config.ts";
export { AppError } from "./errors.ts";
