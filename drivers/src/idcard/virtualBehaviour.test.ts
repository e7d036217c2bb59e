import { describe, expect, it } from "vitest";
import { IdCardCommand, Sw3, type CommandCode } from "./codec.ts";
import { sampleCards } from "./sampleCards.ts";
import { DEFAULT_SAM_ID, virtualRespond, type VirtualPhase, type VirtualReaderState } from "./virtualBehaviour.ts";

const profile = { samId: DEFAULT_SAM_ID, protectionDesign: true };
const request = (code: CommandCode, data = new Uint8Array(0)) => ({ ...code, data });
const at = (phase: VirtualPhase, found = false): VirtualReaderState => ({ phase, found });
const card = sampleCards.residentLongTerm;

describe("virtual reader behaviour (§1.9)", () => {
  it.each<[string, VirtualReaderState, CommandCode, number, VirtualPhase]>([
    ["find with no card", at("NO_CARD"), IdCardCommand.FindCard, Sw3.FindFailed, "NO_CARD"],
    ["find with a card", at("CARD_PRESENT"), IdCardCommand.FindCard, Sw3.CardFound, "CARD_PRESENT"],
    ["find after the read", at("READ_DONE"), IdCardCommand.FindCard, Sw3.FindFailed, "READ_DONE"],
    ["select before find", at("CARD_PRESENT"), IdCardCommand.SelectCard, Sw3.SelectFailed, "CARD_PRESENT"],
    ["select after find", at("CARD_PRESENT", true), IdCardCommand.SelectCard, Sw3.Success, "SELECTED"],
    ["select with no card", at("NO_CARD"), IdCardCommand.SelectCard, Sw3.SelectFailed, "NO_CARD"],
    ["read before select", at("CARD_PRESENT", true), IdCardCommand.ReadTextPhoto, Sw3.ReadFailed, "CARD_PRESENT"],
    ["read after select", at("SELECTED"), IdCardCommand.ReadTextPhoto, Sw3.Success, "READ_DONE"],
    [
      "read with fingerprint after select",
      at("SELECTED"),
      IdCardCommand.ReadTextPhotoFingerprint,
      Sw3.Success,
      "READ_DONE",
    ],
    ["read twice", at("READ_DONE"), IdCardCommand.ReadTextPhoto, Sw3.ReadFailed, "READ_DONE"],
    ["appended address after select", at("SELECTED"), IdCardCommand.ReadAppendedAddress, Sw3.Success, "SELECTED"],
    ["SAM status", at("NO_CARD"), IdCardCommand.SamStatus, Sw3.Success, "NO_CARD"],
    ["unknown command", at("CARD_PRESENT"), { cmd: 0x42, para: 0x00 }, Sw3.CommandError, "CARD_PRESENT"],
  ])("when %s, then SW3 and the next phase follow the table", (_name, state, command, sw3, phase) => {
    const result = virtualRespond(state, card, request(command), profile);
    expect(result.reply.sw3).toBe(sw3);
    expect(result.state.phase).toBe(phase);
  });

  it("when a command carries data it does not take, then the reply is 11 (length error)", () => {
    expect(
      virtualRespond(at("CARD_PRESENT"), card, request(IdCardCommand.FindCard, Uint8Array.of(1)), profile).reply.sw3,
    ).toBe(Sw3.LengthError);
  });

  it("when the card stores no appended address, then the reply is 91", () => {
    expect(
      virtualRespond(at("SELECTED"), sampleCards.resident, request(IdCardCommand.ReadAppendedAddress), profile).reply
        .sw3,
    ).toBe(Sw3.NoContent);
  });

  it("when the reader lacks the protection design, then find after a read answers 9F again", () => {
    const result = virtualRespond(at("READ_DONE"), card, request(IdCardCommand.FindCard), {
      ...profile,
      protectionDesign: false,
    });
    expect(result.reply.sw3).toBe(Sw3.CardFound);
  });

  it("when a full read runs, then find/select/read replies carry 4, 8 and 1284 data bytes", () => {
    let state = at("CARD_PRESENT");
    const sizes: number[] = [];
    for (const command of [IdCardCommand.FindCard, IdCardCommand.SelectCard, IdCardCommand.ReadTextPhoto]) {
      const result = virtualRespond(state, card, request(command), profile);
      state = result.state;
      sizes.push(result.reply.data?.length ?? 0);
    }
    expect(sizes).toEqual([4, 8, 4 + 256 + 1024]);
  });
});
