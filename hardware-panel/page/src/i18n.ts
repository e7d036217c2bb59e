/** The panel's languages: zh-CN first, English second; the choice is kept in localStorage. */
import { createI18n } from "vue-i18n";
import en from "./locales/en.ts";
import zhCN from "./locales/zh-CN.ts";

export type PanelLocale = "zh-CN" | "en";
const STORAGE_KEY = "onewindow.panel.locale";

function initialLocale(): PanelLocale {
  return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh-CN";
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: "zh-CN",
  messages: { "zh-CN": zhCN, en },
});

/** Switch the page's language (and the document's lang attribute, for screen readers and font choice). */
export function setLocale(locale: PanelLocale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  localStorage.setItem(STORAGE_KEY, locale);
}
