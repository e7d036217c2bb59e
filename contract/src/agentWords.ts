/** Words an agent shows people, in both languages, and the refusal shape every agent answer uses. Pure. */
import { z } from "zod";

/** A message in both languages; the page shows the one of its locale. */
export const PlainWords = z.strictObject({ zh: z.string(), en: z.string() });
export type PlainWords = z.infer<typeof PlainWords>;

/** Why something was refused: a stable code for the page's logic and the words for the citizen or staff member. */
export const AgentReason = z.strictObject({ code: z.string(), words: PlainWords });
export type AgentReason = z.infer<typeof AgentReason>;
