import { createApp } from "vue";
import "vant/es/style/base.css";
import "vant/es/button/style/index";
import "vant/es/field/style/index";
import "vant/es/loading/style/index";
import "./kiosk.css";
import App from "./App.vue";
import { i18n, setLocale } from "./i18n.ts";
import { startKiosk } from "./kiosk.ts";

setLocale("zh-CN");
startKiosk(location.hash);
createApp(App).use(i18n).mount("#app");
