/** The page's languages: zh-CN first, English one tap away; the choice is kept in localStorage. */
import { createI18n } from "vue-i18n";
import { Locale } from "vant";
import vantEn from "vant/es/locale/lang/en-US";
import vantZh from "vant/es/locale/lang/zh-CN";
import en from "./locales/en.ts";
import zhCN from "./locales/zh-CN.ts";

export type StatusLocale = "zh-CN" | "en";
const STORAGE_KEY = "onewindow.status.locale";

function initialLocale(): StatusLocale {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh-CN";
  } catch {
    return "zh-CN";
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: "zh-CN",
  messages: { "zh-CN": zhCN, en },
});

/** Switch the page's language, Vant's built-in words and the document's lang (screen readers, font choice). */
export function setLocale(locale: StatusLocale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  document.title = `${i18n.global.t("title")} · OneWindow`;
  if (locale === "en") Locale.use("en-US", vantEn);
  else Locale.use("zh-CN", vantZh);
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
}
