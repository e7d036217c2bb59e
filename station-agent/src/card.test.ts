import { describe, expect, it } from "vitest";
import { idcard } from "@onewindow/drivers";
import { acceptCard } from "./card.ts";

const decode = (card: idcard.VirtualCard) => idcard.decodeCardText(idcard.encodeCardText(card.fields));

describe("acceptCard", () => {
  it("when a valid resident card is read, then the server gets the identity and the page only masked fields", () => {
    const verdict = acceptCard(decode(idcard.sampleCards.resident), "20261125");
    expect(verdict).toEqual({
      ok: true,
      card: {
        identity: { idType: "resident", idNumber: "110101198506121234", name: "张伟", birthDate: "19850612" },
        masked: { nameMasked: "张*", idMasked: "110***********1234", elderly: false },
      },
    });
  });

  it("when the holder is 60 or over, then the page hears elderly", () => {
    const verdict = acceptCard(decode(idcard.sampleCards.residentLongTerm), "20261125");
    expect(verdict.ok && verdict.card.masked.elderly).toBe(true);
  });

  it("when the ID number fails its check digit, then the card is refused in plain words", () => {
    const verdict = acceptCard(decode(idcard.sampleCards.invalidCheckDigit), "20261125");
    expect(verdict).toMatchObject({ ok: false, reason: { code: "card_invalid_id" } });
  });

  it("when the card's validity ended before today, then it is refused as expired; on its last day it is fine", () => {
    const fields = { ...idcard.sampleCards.resident.fields, validTo: "20261124" };
    const card = decode({ ...idcard.sampleCards.resident, fields });
    expect(acceptCard(card, "20261125")).toMatchObject({ ok: false, reason: { code: "card_expired" } });
    expect(acceptCard(card, "20261124").ok).toBe(true);
  });
});
