/**
 * Which of the counter's two pages a URL path asks for. One bundle is served at both paths (hallPages.ts):
 *
 *   /counter, /counter/...     the staff console
 *   /window/<n>                the window screen of window n (1..999), the citizen-facing second display
 *
 * Pure: the page passes `location.pathname`.
 */

/** Largest window number a hall has (a three-digit sign above the desk). */
export const MAX_WINDOW_NUMBER = 999;

export type PageRoute =
  | { readonly page: "console" }
  | { readonly page: "window"; readonly windowNumber: number }
  | { readonly page: "unknown"; readonly problem: { readonly zh: string; readonly en: string } };

/** The page `pathname` asks for; "unknown" names in both languages what is wrong with the address. */
export function pageRoute(pathname: string): PageRoute {
  const segments = pathname.split("/").filter((s) => s !== "");
  if (segments[0] === "counter") return { page: "console" };
  if (segments[0] === "window") {
    const n = segments[1] ?? "";
    if (segments.length === 2 && /^[1-9]\d{0,2}$/.test(n)) return { page: "window", windowNumber: Number(n) };
    return {
      page: "unknown",
      problem: {
        zh: `窗口屏地址应为 /window/窗口号（1 至 ${MAX_WINDOW_NUMBER}），当前为 ${pathname}`,
        en: `a window screen's address is /window/<window number 1..${MAX_WINDOW_NUMBER}>, not ${pathname}`,
      },
    };
  }
  return {
    page: "unknown",
    problem: {
      zh: `此页面只在 /counter 或 /window/窗口号 打开，当前为 ${pathname}`,
      en: `this page opens at /counter or /window/<number> only, not ${pathname}`,
    },
  };
}
