/** The kiosk's languages: zh-CN for every citizen, English one tap away (the hall pages' pageLocale.ts). */
import { createPageLocale } from "@onewindow/web-build/page/pageLocale.ts";
import { switchVantLocale } from "@onewindow/web-build/page/vantLocale.ts";
import en from "./locales/en.ts";
import zhCN from "./locales/zh-CN.ts";

// No storageKey: the next citizen starts in Chinese again.
export const { i18n, setLocale } = createPageLocale({
  messages: { "zh-CN": zhCN, en },
  titleKey: "title",
  onSwitch: switchVantLocale,
});
