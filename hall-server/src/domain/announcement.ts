/**
 * The call announcement, as shown and as spoken, from one place: the text every `ticket.called` event carries and
 * the segments the voice joins are built together here, so the screen's words and the hall's sound cannot disagree.
 *
 *   ("A001", 3) -> zh  "请 A001 号到 3 号窗口办理"
 *                      请 / A / 零 / 零 / 一 / 号到 / 三 / 号窗口办理
 *               -> en  "Ticket A 0 0 1, please go to window 3"
 *                      Ticket / A / zero / zero / one / please go to window / three
 *
 * Letters are said by name and ticket digits one by one (A零零一, as halls say a number); the window number is said
 * as a number (12 -> 十二, 105 -> 一百零五; twelve, one hundred five). Every segment comes from a small fixed
 * vocabulary (`VOICE_VOCABULARY`), so a clip pack is a fixed list of files and every segment can be rendered before
 * the first call.
 */

/** A spoken language of the announcement: Mandarin first, English optional. */
export type VoiceLanguage = "zh" | "en";

/**
 * One unit of speech. `key` names it everywhere (the clip pack's `<key>.wav`, the segment cache); `text` is what a
 * synthesiser is given to say it; `lang` which voice says it.
 */
export interface SpokenSegment {
  key: string;
  text: string;
  lang: VoiceLanguage;
}

/** One language's line: the text shown and the segments said, in order. */
export interface SpokenLine {
  text: string;
  segments: SpokenSegment[];
}

/** A call announcement in both languages. */
export interface SpokenAnnouncement {
  zh: SpokenLine;
  en: SpokenLine;
}

const ZH_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"] as const;
const EN_WORDS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
] as const;
const EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"] as const;
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");

const zh = (key: string, text: string): SpokenSegment => ({ key: `zh-${key}`, text, lang: "zh" });
const en = (key: string, text: string): SpokenSegment => ({ key: `en-${key}`, text, lang: "en" });

const zhDigit = (d: number) => zh(String(d), ZH_DIGITS[d]!);
const ZH_PLACES = [
  [1000, zh("1000", "千")],
  [100, zh("100", "百")],
  [10, zh("10", "十")],
] as const;
const enNumber = (n: number) => en(String(n), n < 20 ? EN_WORDS[n]! : EN_TENS[n / 10]!);
const EN_HUNDRED = en("hundred", "hundred");
const EN_THOUSAND = en("thousand", "thousand");

/** The fixed phrases of the announcement. */
const PHRASES = {
  please: zh("please", "请"),
  numberTo: zh("number-to", "号到"),
  windowServe: zh("window-serve", "号窗口办理"),
  ticket: en("ticket", "Ticket"),
  goToWindow: en("go-to-window", "please go to window"),
} as const;

/**
 * A whole number 0..9999 as Mandarin number words (3 -> 三, 12 -> 十二, 20 -> 二十, 105 -> 一百零五, 1010 -> 一千零一十);
 * larger numbers digit by digit. A leading 一 before 十 is dropped only for 10..19, as halls say 十二号窗口.
 */
export function zhNumberSegments(n: number): SpokenSegment[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a window number is a whole number ≥ 0, got ${n}`);
  if (n > 9999) return String(n).split("").map(Number).map(zhDigit);
  if (n < 10) return [zhDigit(n)];
  const out: SpokenSegment[] = [];
  let rest = n;
  let zeroPending = false;
  for (const [place, word] of ZH_PLACES) {
    const d = Math.floor(rest / place);
    rest %= place;
    if (d === 0) {
      if (out.length > 0) zeroPending = true;
      continue;
    }
    if (zeroPending) out.push(zhDigit(0));
    zeroPending = false;
    if (!(place === 10 && d === 1 && out.length === 0)) out.push(zhDigit(d));
    out.push(word);
  }
  if (rest > 0) {
    if (zeroPending) out.push(zhDigit(0));
    out.push(zhDigit(rest));
  }
  return out;
}

/** A whole number 0..9999 as English number words (3 -> three, 23 -> twenty three, 105 -> one hundred five). */
export function enNumberSegments(n: number): SpokenSegment[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a window number is a whole number ≥ 0, got ${n}`);
  if (n > 9999) return String(n).split("").map(Number).map(enNumber);
  const out: SpokenSegment[] = [];
  let rest = n;
  if (rest >= 1000) out.push(enNumber(Math.floor(rest / 1000)), EN_THOUSAND);
  rest %= 1000;
  if (rest >= 100) out.push(enNumber(Math.floor(rest / 100)), EN_HUNDRED);
  rest %= 100;
  if (rest >= 20) {
    out.push(enNumber(rest - (rest % 10)));
    if (rest % 10 > 0) out.push(enNumber(rest % 10));
  } else if (rest > 0 || out.length === 0) out.push(enNumber(rest));
  return out;
}

/** A printed ticket number said character by character: letters by name, digits one by one. */
function ticketSegments(number: string, lang: VoiceLanguage): SpokenSegment[] {
  if (!/^[A-Z0-9]+$/.test(number))
    throw new RangeError(`a ticket number is capital letters and digits, got "${number}"`);
  return number.split("").map((c) => {
    if (/\d/.test(c)) return lang === "zh" ? zhDigit(Number(c)) : enNumber(Number(c));
    return lang === "zh" ? zh(c, c) : en(c, c);
  });
}

/**
 * The announcement of ticket `number` (as printed, e.g. "A001") called to window `windowNumber`: the text shown
 * (`zh` "请 A001 号到 3 号窗口办理", `en` "Ticket A 0 0 1, please go to window 3") and the segments said. Throws
 * RangeError for a number that is not capital letters and digits, or a negative or fractional window number.
 */
export function spokenAnnouncement(number: string, windowNumber: number): SpokenAnnouncement {
  const zhSegments = [
    PHRASES.please,
    ...ticketSegments(number, "zh"),
    PHRASES.numberTo,
    ...zhNumberSegments(windowNumber),
    PHRASES.windowServe,
  ];
  const enSegments = [
    PHRASES.ticket,
    ...ticketSegments(number, "en"),
    PHRASES.goToWindow,
    ...enNumberSegments(windowNumber),
  ];
  return {
    zh: { text: `请 ${number} 号到 ${windowNumber} 号窗口办理`, segments: zhSegments },
    en: { text: `Ticket ${number.split("").join(" ")}, please go to window ${windowNumber}`, segments: enSegments },
  };
}

/**
 * Every segment an announcement can use in `languages`, each once, by key: the phrases, letters A-Z, digits, and
 * the number words of window numbers (十 百 千; English 0-19, the tens, hundred, thousand). A clip pack holds
 * exactly these files; the voice renders all of them at start.
 */
export function voiceVocabulary(languages: readonly VoiceLanguage[]): SpokenSegment[] {
  const out: SpokenSegment[] = [];
  if (languages.includes("zh")) {
    out.push(PHRASES.please, PHRASES.numberTo, PHRASES.windowServe);
    for (let d = 0; d <= 9; d++) out.push(zhDigit(d));
    for (const [, word] of [...ZH_PLACES].reverse()) out.push(word);
    for (const c of LETTERS) out.push(zh(c, c));
  }
  if (languages.includes("en")) {
    out.push(PHRASES.ticket, PHRASES.goToWindow);
    for (let n = 0; n < 20; n++) out.push(enNumber(n));
    for (let t = 20; t <= 90; t += 10) out.push(enNumber(t));
    out.push(EN_HUNDRED, EN_THOUSAND);
    for (const c of LETTERS) out.push(en(c, c));
  }
  return out;
}
