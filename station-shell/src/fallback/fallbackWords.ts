/**
 * The fallback page's words, by the shell that shows it: the kiosk says "暂停取号 / Ticket service paused", the
 * counter's console and window screen say "暂停服务 / Service paused". One table, read twice: at build time to write
 * the page's HTML (build/buildShellApp.ts, so the page reads right even before its script runs) and by the page's
 * script for its changing lines (fallbackPage.ts reads its variant from `<html data-shell>`). Pure, no imports: the
 * page's bundle stays a few kilobytes.
 */
import type { FallbackReason } from "./fallbackAddress.ts";

/** Which shell's fallback page this is. */
export type FallbackVariant = "kiosk" | "counter";

export const FALLBACK_VARIANTS: readonly FallbackVariant[] = ["kiosk", "counter"];

/** Chinese first, English second, on every line. */
export type Words = readonly [zh: string, en: string];

export interface FallbackWords {
  /** The big heading (and the document title). */
  readonly title: Words;
  /** Why the page shows, by the shell's reason. */
  readonly why: Readonly<Record<FallbackReason, Words>>;
  /** The status line once the server answered. */
  readonly returning: Words;
  /** The setup fault line; the English line gets the fault's text in brackets. */
  readonly fault: Words;
  /** Who to ask. */
  readonly help: Words;
}

const UNREACHABLE: Words = [
  "暂时无法连接大厅服务器，正在自动重试。",
  "The hall server cannot be reached; retrying by itself.",
];

export const FALLBACK_WORDS: Readonly<Record<FallbackVariant, FallbackWords>> = {
  kiosk: {
    title: ["暂停取号", "Ticket service paused"],
    why: {
      unreachable: UNREACHABLE,
      "server-error": [
        "大厅服务器暂时无法提供取号页面，正在自动重试。",
        "The hall server cannot show the ticket page now; retrying by itself.",
      ],
      restarting: ["取号屏正在恢复，请稍候。", "The kiosk is recovering; please wait."],
    },
    returning: ["已连接，正在返回取号页面…", "Connected; returning to the ticket page…"],
    fault: ["取号屏设置有误，请联系工作人员。", "Kiosk setup fault; please call staff."],
    help: ["需要帮助请联系大厅工作人员。", "Please ask hall staff for help."],
  },
  counter: {
    title: ["暂停服务", "Service paused"],
    why: {
      unreachable: UNREACHABLE,
      "server-error": [
        "大厅服务器暂时无法提供窗口页面，正在自动重试。",
        "The hall server cannot show this window's page now; retrying by itself.",
      ],
      restarting: ["本窗口屏幕正在恢复，请稍候。", "This window's screen is recovering; please wait."],
    },
    returning: ["已连接，正在返回窗口页面…", "Connected; returning to the window's page…"],
    fault: ["窗口设置有误，请联系大厅管理员。", "Counter setup fault; please call the hall's technician."],
    help: ["请稍候，或咨询大厅工作人员。", "Please wait, or ask hall staff."],
  },
};

/** The variant named by `<html data-shell>`, or "kiosk" for anything else (the first shell's words). */
export function fallbackVariantOf(name: string | undefined): FallbackVariant {
  return FALLBACK_VARIANTS.find((variant) => variant === name) ?? "kiosk";
}

/** The English fault line with the fault's own text: "Kiosk setup fault (why); please call staff." */
export function faultLine(words: FallbackWords, fault: string): string {
  const [head, ...rest] = words.fault[1].split(";");
  return `${head} (${fault});${rest.join(";")}`;
}
