/** The station's tickets: what a queue ticket says and its layout, for the printer driver. */
export { queueTicketLayout, type QueueTicketContent } from "./queueTicketLayout.ts";
