/**
 * What the agent does with a card read: refuse a card whose number fails its check or whose validity ended, else
 * keep the full identity (for the hall-server, never the page) and give the page its masked form. Pure.
 */
import {
  ELDERLY_AGE,
  ageOn,
  maskIdNumber,
  maskName,
  type AgentReason,
  type CardIdentity,
  type MaskedCard,
} from "@onewindow/contract";
import type { idcard } from "@onewindow/drivers";
import { reason } from "./words.ts";

/** A card the agent accepted: the identity it sends the server, and what the page may see. */
export interface HeldCard {
  readonly identity: CardIdentity;
  readonly masked: MaskedCard;
}

function nameOf(card: idcard.CardText): string {
  if (card.type === "foreign-permanent-2017" || card.type === "foreign-permanent-2023")
    return (card.chineseName || card.englishName).trim();
  return card.name.trim();
}

/**
 * Check a read card on `today` ("YYYYMMDD", the hall's date). Refused: a number that failed its check digit
 * (card_invalid_id) or a validity that ended before today (card_expired).
 */
export function acceptCard(
  card: idcard.CardText,
  today: string,
): { ok: true; card: HeldCard } | { ok: false; reason: AgentReason } {
  if (!card.idNumberValid) return { ok: false, reason: reason("card_invalid_id") };
  if (!card.longTerm && /^\d{8}$/.test(card.validTo) && card.validTo < today)
    return { ok: false, reason: reason("card_expired") };
  const name = nameOf(card).slice(0, 60);
  const birthDate = /^\d{8}$/.test(card.birthDate) ? card.birthDate : undefined;
  return {
    ok: true,
    card: {
      identity: {
        idType: card.type,
        idNumber: card.idNumber,
        ...(name ? { name } : {}),
        ...(birthDate ? { birthDate } : {}),
      },
      masked: {
        nameMasked: maskName(name),
        idMasked: maskIdNumber(card.idNumber),
        elderly: birthDate !== undefined && ageOn(birthDate, today) >= ELDERLY_AGE,
      },
    },
  };
}
