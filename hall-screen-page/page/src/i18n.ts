/**
 * The hall screen's languages: zh-CN first, English second. Headings show both at once (a hall screen is read, not
 * touched); the pairing step has a switch, remembered in localStorage (pageLocale.ts).
 */
import { createPageLocale } from "@onewindow/web-build/page/pageLocale.ts";
import en from "./locales/en.ts";
import zhCN from "./locales/zh-CN.ts";

export const { i18n, setLocale } = createPageLocale({
  messages: { "zh-CN": zhCN, en },
  titleKey: "title",
  storageKey: "onewindow.hallScreen.locale",
});
