/** @onewindow/station-agent: the device host of one station (see README.md beside src/). */
export { startAgent, type AgentOverrides, type StationAgent } from "./agent.ts";
export {
  CALLER_KEYS,
  ConfigError,
  CounterKeypadConfig,
  DEFAULT_KEYPAD_MAP,
  KeypadAction,
  StationConfig,
  loadStationConfig,
  parseStationConfig,
  readConfigJson,
  type StationConfigInput,
} from "./config.ts";
export { TakeJournal, type TakePhase, type TakeRow } from "./journal.ts";
export { printedTicketLayout, ticketContentOf } from "./ticket/printedTicket.ts";
