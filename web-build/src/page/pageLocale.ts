/**
 * The hall pages' languages (phone status page, kiosk): zh-CN first, English one tap away. One vue-i18n instance per
 * page (Composition API, no legacy), Vant's built-in words switched with it, the document's lang and title kept in
 * step, and the choice remembered in localStorage under the page's own key when `storageKey` is given (a kiosk
 * starts every citizen in Chinese, so it passes none).
 */
import { createI18n } from "vue-i18n";
import { Locale } from "vant";
import vantEn from "vant/es/locale/lang/en-US";
import vantZh from "vant/es/locale/lang/zh-CN";

export type PageLocale = "zh-CN" | "en";

/** A page's message tree in one language (vue-i18n's nested keys). */
export type PageMessages = { [key: string]: string | PageMessages };

/** A page's i18n and its language switch. `titleKey` names the message used as the document's title. */
export function createPageLocale<M extends PageMessages>(options: {
  readonly messages: { readonly "zh-CN": M; readonly en: M };
  readonly titleKey: string;
  readonly storageKey?: string;
}) {
  const { storageKey } = options;
  const saved = (): PageLocale => {
    if (storageKey === undefined) return "zh-CN";
    try {
      return localStorage.getItem(storageKey) === "en" ? "en" : "zh-CN";
    } catch {
      return "zh-CN";
    }
  };
  const i18n = createI18n({
    legacy: false,
    locale: saved(),
    fallbackLocale: "zh-CN",
    messages: { "zh-CN": options.messages["zh-CN"], en: options.messages.en },
  });
  /** Switch the page's language, Vant's built-in words and the document's lang (screen readers, font choice). */
  const setLocale = (locale: PageLocale): void => {
    i18n.global.locale.value = locale;
    document.documentElement.lang = locale;
    document.title = `${i18n.global.t(options.titleKey)} · OneWindow`;
    if (locale === "en") Locale.use("en-US", vantEn);
    else Locale.use("zh-CN", vantZh);
    if (storageKey === undefined) return;
    try {
      localStorage.setItem(storageKey, locale);
    } catch {
      // Private mode: the choice lasts for this visit only.
    }
  };
  return { i18n, setLocale };
}
