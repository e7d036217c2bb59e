/**
 * The 256-byte text block of a card read (devices.md §1.6): UCS-2 little-endian fields, right-padded with
 * spaces, laid out by card type. The type flag at byte 248 picks the layout: "I" foreign permanent residence
 * 2017, "Y" foreign permanent residence 2023, "J" HK/Macau/Taiwan residence permit, anything else a resident
 * ID card. `decodeCardText` never throws on 256 bytes; `encodeCardText` is its inverse (for the virtual reader).
 * Pure.
 */
import type { IdType } from "@onewindow/contract";
import { DriverError, DriverErrorCode } from "../core/errors.ts";
import { genderFromCode, nationFromCode, type Gender, type Nation } from "./codeTables.ts";
import { readUcs2, trimPadding, writeUcs2 } from "./ucs2.ts";
import {
  checkForeign2017Number,
  checkForeign2023Number,
  checkIdNumber18,
  checkPermitNumber,
  invalidIdNumberError,
  permitRegion,
  type IdNumberCheck,
  type PermitRegion,
} from "./idNumber.ts";

/** Size of the text block. */
export const TEXT_LENGTH = 256;
/** Byte offset of the card-type flag (one UCS-2 character). */
export const TYPE_FLAG_OFFSET = 248;
/** The validity-end value of cards that never expire. */
export const LONG_TERM = "长期";

/** Raw fields of a resident ID card (居民身份证), as stored; codes stay codes. */
export interface ResidentIdFields {
  readonly type: "resident";
  readonly name: string;
  readonly genderCode: string;
  readonly nationCode: string;
  readonly birthDate: string;
  readonly address: string;
  readonly idNumber: string;
  readonly authority: string;
  readonly validFrom: string;
  /** YYYYMMDD or 长期. */
  readonly validTo: string;
}

/** Raw fields of a HK/Macau/Taiwan residence permit (港澳台居民居住证, flag "J"). */
export interface ResidencePermitFields {
  readonly type: "hk-macau-taiwan-permit";
  readonly name: string;
  readonly genderCode: string;
  readonly birthDate: string;
  readonly address: string;
  readonly idNumber: string;
  readonly authority: string;
  readonly validFrom: string;
  readonly validTo: string;
  /** 通行证号码, 9 characters. */
  readonly passNumber: string;
  /** 签发次数, 2 characters. */
  readonly issueCount: string;
}

/** Raw fields of a 2017 foreign permanent residence card (外国人永久居留身份证, flag "I"). */
export interface Foreign2017Fields {
  readonly type: "foreign-permanent-2017";
  readonly englishName: string;
  readonly genderCode: string;
  /** The 15-character card number. */
  readonly idNumber: string;
  /** GB/T 2659 three-letter code. */
  readonly nationality: string;
  readonly chineseName: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly birthDate: string;
  readonly cardVersion: string;
  readonly authorityCode: string;
}

/** Raw fields of a 2023 foreign permanent residence card (flag "Y"). */
export interface Foreign2023Fields {
  readonly type: "foreign-permanent-2023";
  readonly chineseName: string;
  readonly genderCode: string;
  readonly renewalCount: string;
  readonly birthDate: string;
  /** Up to 46 characters, stored in two parts (bytes 52-121 and 220-241). */
  readonly englishName: string;
  readonly idNumber: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly nationality: string;
  /** Link to the holder's previous 15-character number. */
  readonly previousNumberLink: string;
}

/** The raw fields of any card type: what `encodeCardText` writes. */
export type CardFields = ResidentIdFields | ResidencePermitFields | Foreign2017Fields | Foreign2023Fields;
/** The card types a reader can return: exactly the contract's `IdType` (@onewindow/contract). */
export type CardType = CardFields["type"];
// Both ways: a card type the contract lacks, or a contract type no card has, fails to compile here.
const sameAsContract: [CardType, IdType] extends [IdType, CardType] ? true : never = true;
void sameAsContract;

/** What decoding adds to the raw fields of every card type. */
export interface DecodedExtras {
  readonly gender: Gender;
  /** True when validTo is 长期 (never expires). */
  readonly longTerm: boolean;
  /** Whether the number passed the check for its card type (MOD 11-2, prefix, or the 2017 foreign shape). */
  readonly idNumberValid: boolean;
  /** Why the number failed, when it did. */
  readonly idNumberProblem?: string;
}

/** A decoded resident ID card. */
export type ResidentIdCard = ResidentIdFields & DecodedExtras & { readonly nation: Nation };
/** A decoded HK/Macau/Taiwan residence permit; `region` comes from the number prefix. */
export type ResidencePermitCard = ResidencePermitFields & DecodedExtras & { readonly region?: PermitRegion };
/** A decoded 2017 foreign permanent residence card. */
export type Foreign2017Card = Foreign2017Fields & DecodedExtras;
/** A decoded 2023 foreign permanent residence card. */
export type Foreign2023Card = Foreign2023Fields & DecodedExtras;
/** A decoded text block: a union discriminated by `type`. */
export type CardText = ResidentIdCard | ResidencePermitCard | Foreign2017Card | Foreign2023Card;

/** Byte segments [offset, length] of one field; most fields have one, the 2023 English name two. */
type Segments = readonly (readonly [number, number])[];
type Layout<F extends CardFields> = { readonly [K in Exclude<keyof F, "type">]: Segments };

const residentLayout: Layout<ResidentIdFields> = {
  name: [[0, 30]],
  genderCode: [[30, 2]],
  nationCode: [[32, 4]],
  birthDate: [[36, 16]],
  address: [[52, 70]],
  idNumber: [[122, 36]],
  authority: [[158, 30]],
  validFrom: [[188, 16]],
  validTo: [[204, 16]],
};

const permitLayout: Layout<ResidencePermitFields> = {
  name: [[0, 30]],
  genderCode: [[30, 2]],
  birthDate: [[36, 16]],
  address: [[52, 70]],
  idNumber: [[122, 36]],
  authority: [[158, 30]],
  validFrom: [[188, 16]],
  validTo: [[204, 16]],
  passNumber: [[220, 18]],
  issueCount: [[238, 4]],
};

const foreign2017Layout: Layout<Foreign2017Fields> = {
  englishName: [[0, 120]],
  genderCode: [[120, 2]],
  idNumber: [[122, 30]],
  nationality: [[152, 6]],
  chineseName: [[158, 30]],
  validFrom: [[188, 16]],
  validTo: [[204, 16]],
  birthDate: [[220, 16]],
  cardVersion: [[236, 4]],
  authorityCode: [[240, 8]],
};

const foreign2023Layout: Layout<Foreign2023Fields> = {
  chineseName: [[0, 30]],
  genderCode: [[30, 2]],
  renewalCount: [[32, 4]],
  birthDate: [[36, 16]],
  englishName: [
    [52, 70],
    [220, 22],
  ],
  idNumber: [[122, 36]],
  validFrom: [[188, 16]],
  validTo: [[204, 16]],
  nationality: [[242, 6]],
  previousNumberLink: [[250, 6]],
};

const layouts: { readonly [T in CardType]: Layout<Extract<CardFields, { type: T }>> } = {
  resident: residentLayout,
  "hk-macau-taiwan-permit": permitLayout,
  "foreign-permanent-2017": foreign2017Layout,
  "foreign-permanent-2023": foreign2023Layout,
};

const typeFlags: Readonly<Record<CardType, string>> = {
  resident: " ",
  "hk-macau-taiwan-permit": "J",
  "foreign-permanent-2017": "I",
  "foreign-permanent-2023": "Y",
};

function readField(bytes: Uint8Array, segments: Segments): string {
  return trimPadding(segments.map(([offset, length]) => readUcs2(bytes, offset, length)).join(""));
}

function readFields<F extends CardFields>(bytes: Uint8Array, type: F["type"], layout: Layout<F>): F {
  const fields: Record<string, string> = { type };
  for (const [name, segments] of Object.entries<Segments>(layout)) fields[name] = readField(bytes, segments);
  return fields as unknown as F;
}

/** The card type named by the flag at byte 248; anything but I, J or Y is a resident ID card. */
export function cardTypeOf(text: Uint8Array): CardType {
  const flag = readUcs2(text, TYPE_FLAG_OFFSET, 2);
  if (flag === "I") return "foreign-permanent-2017";
  if (flag === "Y") return "foreign-permanent-2023";
  if (flag === "J") return "hk-macau-taiwan-permit";
  return "resident";
}

function extras(fields: CardFields, check: IdNumberCheck): DecodedExtras {
  return {
    gender: genderFromCode(fields.genderCode),
    longTerm: fields.validTo === LONG_TERM,
    idNumberValid: check.valid,
    ...(check.valid ? {} : { idNumberProblem: check.reason }),
  };
}

/**
 * Decode a 256-byte text block into a typed card. Never throws for 256 bytes of any content: unreadable
 * fields come back as the characters found, unknown codes with key "invalid" / an empty name.
 * Throws DriverError BadPayload when `text` is not 256 bytes long.
 */
export function decodeCardText(text: Uint8Array): CardText {
  if (text.length !== TEXT_LENGTH)
    throw new DriverError(DriverErrorCode.BadPayload, `card text is ${text.length} bytes, expected ${TEXT_LENGTH}`);
  switch (cardTypeOf(text)) {
    case "foreign-permanent-2017": {
      const fields = readFields(text, "foreign-permanent-2017", foreign2017Layout);
      return { ...fields, ...extras(fields, checkForeign2017Number(fields.idNumber)) };
    }
    case "foreign-permanent-2023": {
      const fields = readFields(text, "foreign-permanent-2023", foreign2023Layout);
      return { ...fields, ...extras(fields, checkForeign2023Number(fields.idNumber)) };
    }
    case "hk-macau-taiwan-permit": {
      const fields = readFields(text, "hk-macau-taiwan-permit", permitLayout);
      const region = permitRegion(fields.idNumber);
      return { ...fields, ...extras(fields, checkPermitNumber(fields.idNumber)), ...(region ? { region } : {}) };
    }
    case "resident": {
      const fields = readFields(text, "resident", residentLayout);
      return {
        ...fields,
        ...extras(fields, checkIdNumber18(fields.idNumber)),
        nation: nationFromCode(fields.nationCode),
      };
    }
  }
}

function writeField(out: Uint8Array, text: string, segments: Segments): void {
  // Longer values are cut to the field, shorter ones padded with spaces, as a reader's chip stores them.
  let rest = text;
  for (const [offset, length] of segments) {
    writeUcs2(out, offset, length, rest);
    rest = rest.slice(length / 2);
  }
}

/** Encode raw card fields (or a decoded card) into the 256-byte block; reserved bytes are spaces. */
export function encodeCardText(card: CardFields): Uint8Array {
  const out = new Uint8Array(TEXT_LENGTH);
  writeUcs2(out, 0, TEXT_LENGTH, "");
  const layout = layouts[card.type] as Record<string, Segments>;
  const values = card as unknown as Record<string, string | undefined>;
  for (const [name, segments] of Object.entries(layout)) writeField(out, values[name] ?? "", segments);
  writeUcs2(out, TYPE_FLAG_OFFSET, 2, typeFlags[card.type]);
  return out;
}

/** Throw DriverError InvalidIdNumber (with a masked number) unless the card's number passed its check. */
export function requireValidIdNumber(card: CardText): void {
  if (!card.idNumberValid) throw invalidIdNumberError(card.idNumber, card.idNumberProblem ?? "check failed");
}
