/**
 * The hall pages' languages (phone status page, kiosk, counter console and window screen): zh-CN first, English one
 * tap away. One vue-i18n instance per page (Composition API, no legacy), the document's lang and title kept in step,
 * the component library's own words switched by `onSwitch` (vantLocale.ts for the Vant pages; Element Plus pages
 * pass its locale to ElConfigProvider instead), and the choice remembered in localStorage under the page's own key
 * when `storageKey` is given (a kiosk starts every citizen in Chinese, so it passes none).
 */
import { createI18n } from "vue-i18n";

export type PageLocale = "zh-CN" | "en";

/** A page's message tree in one language (vue-i18n's nested keys). */
export type PageMessages = { [key: string]: string | PageMessages };

/** A page's i18n and its language switch. `titleKey` names the message used as the document's title. */
export function createPageLocale<M extends PageMessages>(options: {
  readonly messages: { readonly "zh-CN": M; readonly en: M };
  readonly titleKey: string;
  readonly storageKey?: string;
  /** Called on every switch with the new locale (a component library's built-in words). */
  readonly onSwitch?: (locale: PageLocale) => void;
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
  /** Switch the page's language, the library's words and the document's lang (screen readers, font choice). */
  const setLocale = (locale: PageLocale): void => {
    i18n.global.locale.value = locale;
    document.documentElement.lang = locale;
    document.title = `${i18n.global.t(options.titleKey)} · OneWindow`;
    options.onSwitch?.(locale);
    if (storageKey === undefined) return;
    try {
      localStorage.setItem(storageKey, locale);
    } catch {
      // Private mode: the choice lasts for this visit only.
    }
  };
  return { i18n, setLocale };
}
