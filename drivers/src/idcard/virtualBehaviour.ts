/**
 * How the virtual reader answers each request (devices.md §1.9), as a pure function so it can be table-tested.
 *
 *   NO_CARD --placeCard--> CARD_PRESENT --find 9F--> (found) --select 90--> SELECTED --read 90--> READ_DONE
 *   READ_DONE: find answers 80 until the card is removed and placed again (protection design, §1.3)
 *
 * select without a successful find first -> 81; read without select -> 41; unknown command -> 21;
 * a command carrying data it does not take -> 11. Bad checksum (10) and bad length (11) of the frame itself are
 * answered by the I/O shell, which sees them as parser discards.
 */
import { Sw3, commandName, type IdCardRequest } from "./codec.ts";
import { encodeCardText } from "./cardText.ts";
import { encodeAppendedAddress, encodeReadPayload, encodeSamId } from "./payload.ts";
import type { VirtualCard } from "./sampleCards.ts";

/** The reader's card phase, named as in §1.9. */
export type VirtualPhase = "NO_CARD" | "CARD_PRESENT" | "SELECTED" | "READ_DONE";

/** Phase plus whether a find succeeded since the last select (select needs one). */
export interface VirtualReaderState {
  readonly phase: VirtualPhase;
  readonly found: boolean;
}

/** What the reply carries. */
export interface VirtualReply {
  readonly sw3: number;
  readonly data?: Uint8Array;
}

/** Fixed facts of the simulated reader. */
export interface VirtualReaderProfile {
  /** 16-byte SAM management info returned by 12 FF. */
  readonly samId: Uint8Array;
  /** false = a reader without the protection design: find keeps answering 9F after a read. */
  readonly protectionDesign: boolean;
}

/** Default SAM id of the virtual reader: 05.01-20260101-0000012345-0000067890. */
export const DEFAULT_SAM_ID = encodeSamId({ major: 5, minor: 1, parts: [20260101, 12345, 67890] });

const FIND_DATA = new Uint8Array(4);
const SELECT_DATA = new Uint8Array(8);

/** Answer one request; returns the next state and the reply. */
export function virtualRespond(
  state: VirtualReaderState,
  card: VirtualCard | undefined,
  request: IdCardRequest,
  profile: VirtualReaderProfile,
): { state: VirtualReaderState; reply: VirtualReply } {
  const same = (reply: VirtualReply) => ({ state, reply });
  const name = commandName(request);
  if (!name) return same({ sw3: Sw3.CommandError });
  if (request.data.length > 0) return same({ sw3: Sw3.LengthError });
  switch (name) {
    case "ResetSam":
    case "SamStatus":
    case "SetBaud":
      return same({ sw3: Sw3.Success });
    case "SamId":
      return same({ sw3: Sw3.Success, data: profile.samId });
    case "FindCard": {
      const present =
        state.phase === "CARD_PRESENT" ||
        state.phase === "SELECTED" ||
        (state.phase === "READ_DONE" && !profile.protectionDesign);
      if (!present) return { state: { ...state, found: false }, reply: { sw3: Sw3.FindFailed } };
      return { state: { phase: "CARD_PRESENT", found: true }, reply: { sw3: Sw3.CardFound, data: FIND_DATA } };
    }
    case "SelectCard":
      if (state.phase !== "CARD_PRESENT" || !state.found) return same({ sw3: Sw3.SelectFailed });
      return { state: { phase: "SELECTED", found: false }, reply: { sw3: Sw3.Success, data: SELECT_DATA } };
    case "ReadTextPhoto":
    case "ReadTextPhotoFingerprint": {
      if (state.phase !== "SELECTED" || !card) return same({ sw3: Sw3.ReadFailed });
      const withFingerprint = name === "ReadTextPhotoFingerprint";
      const data = encodeReadPayload(encodeCardText(card.fields), card.photo, withFingerprint, card.fingerprint);
      return { state: { phase: "READ_DONE", found: false }, reply: { sw3: Sw3.Success, data } };
    }
    case "ReadAppendedAddress":
      if ((state.phase !== "SELECTED" && state.phase !== "READ_DONE") || !card) return same({ sw3: Sw3.ReadFailed });
      if (card.appendedAddress === undefined) return same({ sw3: Sw3.NoContent });
      return same({ sw3: Sw3.Success, data: encodeAppendedAddress(card.appendedAddress) });
  }
}
