import { createApp } from "vue";
import "vant/es/style/base.css";
import "./hallScreen.css";
import App from "./App.vue";
import { i18n, setLocale } from "./i18n.ts";

setLocale(i18n.global.locale.value);
createApp(App).use(i18n).mount("#app");
