/**
 * One bundle, two pages: the staff console at /counter and the window screen at /window/<n> (pageRoute.ts), both
 * linked to the counter's station agent named in the fragment. Element Plus's styles are imported per component
 * (the pages use a dozen of its components, not all of them), then the hall's palette (elementTheme.css).
 */
import { createApp } from "vue";
import "element-plus/es/components/base/style/css";
import "element-plus/es/components/alert/style/css";
import "element-plus/es/components/button/style/css";
import "element-plus/es/components/checkbox/style/css";
import "element-plus/es/components/checkbox-group/style/css";
import "element-plus/es/components/dialog/style/css";
import "element-plus/es/components/form/style/css";
import "element-plus/es/components/form-item/style/css";
import "element-plus/es/components/input/style/css";
import "element-plus/es/components/input-number/style/css";
import "element-plus/es/components/option/style/css";
import "element-plus/es/components/radio/style/css";
import "element-plus/es/components/radio-button/style/css";
import "element-plus/es/components/radio-group/style/css";
import "element-plus/es/components/select/style/css";
import "element-plus/es/components/tag/style/css";
import "@onewindow/web-build/page/elementTheme.css";
import "./counter.css";
import { pageRoute } from "../../src/pageRoute.ts";
import App from "./App.vue";
import { startCounter } from "./counter.ts";
import { i18n, setLocale } from "./i18n.ts";

const route = pageRoute(location.pathname);
if (route.page === "window") {
  // The window screen is bilingual at once, Chinese first; the console's saved choice (same origin) stays as it is.
  i18n.global.locale.value = "zh-CN";
  document.documentElement.lang = "zh-CN";
  document.title = `${i18n.global.t("screen.windowNumber", { number: route.windowNumber })} · OneWindow`;
} else setLocale(i18n.global.locale.value);
if (route.page !== "unknown") startCounter(location.hash, route.page === "console" ? "counter" : "window");
createApp(App, { route }).use(i18n).mount("#app");
