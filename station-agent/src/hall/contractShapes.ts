/** Contract types the hall client sends and reads. */
import type { z } from "zod";
import type { CheckInBody, IssueTicketBody as IssueSchema, TicketView as TicketViewSchema } from "@onewindow/contract";

export type IssueTicketBody = z.input<typeof IssueSchema>;
export type CheckInBodyInput = z.input<typeof CheckInBody>;
export type TicketView = z.infer<typeof TicketViewSchema>;
