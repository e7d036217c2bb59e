/** Vant's built-in words (date pickers, dialogs, loading text) in the page's language: pageLocale.ts's `onSwitch`. */
import { Locale } from "vant";
import vantEn from "vant/es/locale/lang/en-US";
import vantZh from "vant/es/locale/lang/zh-CN";
import type { PageLocale } from "./pageLocale.ts";

/** Switch Vant's words to `locale`. */
export function switchVantLocale(locale: PageLocale): void {
  if (locale === "en") Locale.use("en-US", vantEn);
  else Locale.use("zh-CN", vantZh);
}
