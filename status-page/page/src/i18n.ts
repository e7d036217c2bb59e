/** The page's languages: zh-CN first, English one tap away; the choice is kept in localStorage (pageLocale.ts). */
import { createPageLocale, type PageLocale } from "@onewindow/web-build/page/pageLocale.ts";
import { switchVantLocale } from "@onewindow/web-build/page/vantLocale.ts";
import en from "./locales/en.ts";
import zhCN from "./locales/zh-CN.ts";

export type StatusLocale = PageLocale;

export const { i18n, setLocale } = createPageLocale({
  messages: { "zh-CN": zhCN, en },
  titleKey: "title",
  storageKey: "onewindow.status.locale",
  onSwitch: switchVantLocale,
});
