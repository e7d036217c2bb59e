import { createApp } from "vue";
import "element-plus/dist/index.css";
import "@onewindow/web-build/page/elementTheme.css";
import "./panel.css";
import App from "./App.vue";
import { i18n } from "./i18n.ts";

document.documentElement.lang = i18n.global.locale.value;
createApp(App).use(i18n).mount("#app");
