/**
 * Made-up cards of every type for the virtual reader, the demo and tests. Every person, address and number
 * here is invented; the numbers carry valid check characters, except `invalidCheckDigit`.
 */
import type { CardFields, ResidentIdFields } from "./cardText.ts";
import { PHOTO_LENGTH } from "./payload.ts";

/** A card the virtual reader can hold: raw text fields, an opaque photo, optional fingerprint and appended address. */
export interface VirtualCard {
  readonly fields: CardFields;
  readonly photo: Uint8Array;
  /** 512 or 1024 bytes; absent = the card stores no fingerprint (FL = 0). */
  readonly fingerprint?: Uint8Array;
  /** Latest appended address (30 03); absent = reader answers 91. */
  readonly appendedAddress?: string;
}

/** A deterministic stand-in for a WLT photo or fingerprint: `length` bytes derived from `seed`. */
export function opaqueBlob(seed: number, length = PHOTO_LENGTH): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    // xorshift32: cheap, repeatable, and unlike any real image so nobody mistakes it for one.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}

const resident: VirtualCard & { readonly fields: ResidentIdFields } = {
  fields: {
    type: "resident",
    name: "张伟",
    genderCode: "1",
    nationCode: "01",
    birthDate: "19850612",
    address: "北京市东城区示例胡同12号",
    idNumber: "110101198506121234",
    authority: "北京市公安局东城分局",
    validFrom: "20150301",
    validTo: "20350301",
  },
  photo: opaqueBlob(1),
  fingerprint: opaqueBlob(11, 1024),
};

/** Sample cards, one or more per card type. */
export const sampleCards = {
  /** Resident ID card, male, Han, 20-year validity, with a 1024-byte fingerprint. */
  resident,
  /** Resident ID card, female, over 46 at issue: validity 长期, appended address present, no fingerprint. */
  residentLongTerm: {
    fields: {
      type: "resident",
      name: "李秀英",
      genderCode: "2",
      nationCode: "01",
      birthDate: "19580203",
      address: "江苏省南京市玄武区样板路88号3幢201室",
      idNumber: "320102195802031286",
      authority: "南京市公安局玄武分局",
      validFrom: "20060915",
      validTo: "长期",
    },
    photo: opaqueBlob(2),
    appendedAddress: "江苏省南京市鼓楼区新住址街6号",
  },
  /** Resident ID card of a Uyghur citizen (nation code 05). */
  residentUyghur: {
    fields: {
      type: "resident",
      name: "阿依古丽·买买提",
      genderCode: "2",
      nationCode: "05",
      birthDate: "19900315",
      address: "新疆乌鲁木齐市天山区虚构路7号",
      idNumber: "650102199003151243",
      authority: "乌鲁木齐市公安局天山分局",
      validFrom: "20180520",
      validTo: "20280520",
    },
    photo: opaqueBlob(3),
    fingerprint: opaqueBlob(33, 512),
  },
  /** The resident card with its last character changed: the check digit is wrong. */
  invalidCheckDigit: { ...resident, fields: { ...resident.fields, idNumber: "110101198506121235" } },
  /** HK residence permit (flag J, number 810000…). */
  hongKongPermit: {
    fields: {
      type: "hk-macau-taiwan-permit",
      name: "陈家明",
      genderCode: "1",
      birthDate: "19910708",
      address: "广东省深圳市福田区演示大道100号",
      idNumber: "810000199107080023",
      authority: "深圳市公安局",
      validFrom: "20190101",
      validTo: "20240101",
      passNumber: "H12345678",
      issueCount: "01",
    },
    photo: opaqueBlob(4),
  },
  /** Taiwan residence permit (flag J, number 830000…). */
  taiwanPermit: {
    fields: {
      type: "hk-macau-taiwan-permit",
      name: "林怡君",
      genderCode: "2",
      birthDate: "19880422",
      address: "福建省厦门市思明区假想街5号",
      idNumber: "830000198804220035",
      authority: "厦门市公安局",
      validFrom: "20210610",
      validTo: "20260610",
      passNumber: "01234567",
      issueCount: "02",
    },
    photo: opaqueBlob(5),
  },
  /** 2017 foreign permanent residence card (flag I, 15-character number). */
  foreign2017: {
    fields: {
      type: "foreign-permanent-2017",
      englishName: "SMITH, JOHN ALEXANDER",
      genderCode: "1",
      idNumber: "USA110085061201",
      nationality: "USA",
      chineseName: "史密斯",
      validFrom: "20170815",
      validTo: "20270815",
      birthDate: "19850612",
      cardVersion: "01",
      authorityCode: "1100",
    },
    photo: opaqueBlob(6),
  },
  /** 2023 foreign permanent residence card (flag Y): an English name longer than 35 characters uses both parts. */
  foreign2023: {
    fields: {
      type: "foreign-permanent-2023",
      chineseName: "玛丽亚",
      genderCode: "2",
      renewalCount: "00",
      birthDate: "19900101",
      englishName: "GARCIA MARTINEZ, MARIA FERNANDA ISABEL",
      idNumber: "911011199001012341",
      validFrom: "20240110",
      validTo: "20340110",
      nationality: "ESP",
      previousNumberLink: "",
    },
    photo: opaqueBlob(7),
  },
} as const satisfies Record<string, VirtualCard>;
