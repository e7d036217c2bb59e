/// <reference types="vite/client" />

// For tools that read the page's .ts files without Vue's compiler (eslint's type service); vue-tsc checks the
// components themselves.
declare module "*.vue" {
  import type { DefineComponent } from "vue";
  const component: DefineComponent;
  export default component;
}
