/**
 * The counter pages' languages (pageLocale.ts): the console in zh-CN first, English one chord away (Alt+L), the
 * staff member's choice kept in localStorage. Element Plus's own words follow through ElConfigProvider (App.vue).
 * The window screen shows both languages at once (a citizen cannot switch a second display).
 */
import { createPageLocale } from "@onewindow/web-build/page/pageLocale.ts";
import en from "./locales/en.ts";
import zhCN from "./locales/zh-CN.ts";

export const { i18n, setLocale } = createPageLocale({
  messages: { "zh-CN": zhCN, en },
  titleKey: "title",
  storageKey: "onewindow.counter.locale",
});
