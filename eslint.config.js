// One lint config for every workspace: type-aware rules plus layer rules that keep pure code pure.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const electronOnly = { name: "electron", message: "electron only in the Electron main process" };
const electronParts = {
  name: "@onewindow/station-shell/main",
  message: "the shells' shared main-process parts import electron: only in a shell's src/main/",
};
// The demo's station (virtual devices, hardware panel, station agent) reaches hall-server only through its demo
// files: a production hall never loads or serves any of it (hall-server/src/cli/demoStation.test.ts checks it live).
const demoOnly = [
  "@onewindow/hardware-panel",
  "@onewindow/hardware-panel/*",
  "@onewindow/station-agent",
  "@onewindow/drivers/virtual",
].map((group) => ({
  group: [group],
  message: "demo only: import it from hall-server/src/demo/ (loaded lazily by cli/demo.ts)",
}));
const ioModules = [
  "node:*",
  "fs",
  "net",
  "child_process",
  "serialport",
  "@serialport/*",
  "node-hid",
  "better-sqlite3",
  "express",
  "ws",
  "electron",
  "pino",
];

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "**/artifacts/**", "**/*.js", "!eslint.config.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "error",
    },
  },
  {
    // Code that tests load must never import electron (it downloads its binary on first require): only the shells'
    // main-process files may, and no test loads them (each shell's src/electronBoundary.test.ts checks).
    files: ["**/*.ts"],
    ignores: ["kiosk/src/main/**/*.ts", "counter-display/src/main/**/*.ts", "station-shell/src/main/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [electronOnly, electronParts] }],
    },
  },
  {
    files: ["hall-server/src/**/*.ts"],
    ignores: ["hall-server/src/demo/**", "**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [electronOnly], patterns: demoOnly }] },
  },
  // Listed after the electron block: a later no-restricted-imports replaces an earlier one, so this one carries both.
  {
    // Pure layers: domain logic and device codecs never touch I/O (ARCHITECTURE.md "Layers").
    files: [
      "*/src/**/domain/**/*.ts",
      "drivers/src/**/codec.ts",
      "drivers/src/**/machine.ts",
      "contract/src/**/*.ts",
      // The shells' decisions and the fallback page's script: tested in Node, run in Electron's main or a page.
      "kiosk/src/policy/**/*.ts",
      "station-shell/src/policy/**/*.ts",
      "station-shell/src/fallback/**/*.ts",
      "counter-display/src/policy/**/*.ts",
    ],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ioModules.map((group) => ({ group: [group], message: "pure layer: no I/O imports" })) },
      ],
    },
  },
  {
    // One definition of the hall's service day (issue 7): only domain/serviceDay.ts does calendar or time-zone
    // arithmetic; everything else asks it (hall-server/src/oneServiceDay.test.ts checks the same).
    files: ["hall-server/src/**/*.ts"],
    ignores: ["**/*.test.ts", "**/*.bench.ts", "hall-server/src/domain/serviceDay.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='Intl']",
          message: "time zones belong to domain/serviceDay.ts (the hall's one service day)",
        },
        {
          selector:
            "CallExpression[callee.property.name=/^((get|set)(UTC)?(FullYear|Month|Date|Day|Hours)|getTimezoneOffset|toISOString|toLocale(Date|Time)?String|toDateString)$/]",
          message: "calendar arithmetic belongs to domain/serviceDay.ts: ask it for the service day or local minute",
        },
      ],
    },
  },
  {
    // The store is the bottom of hall-server: it serves use cases and never calls them (ARCHITECTURE.md "Layers").
    files: ["hall-server/src/store/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [electronOnly],
          patterns: [
            ...demoOnly,
            { group: ["**/services/**"], message: "store/ imports no services/ (layers point downward)" },
          ],
        },
      ],
    },
  },
  {
    // Use cases reach SQLite only through store/ repositories (ctx.store); noSqlInServices.test.ts proves there is no SQL text.
    files: ["hall-server/src/services/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            electronOnly,
            { name: "better-sqlite3", message: "services/ write no SQL: add a repository method in store/" },
          ],
          patterns: demoOnly,
        },
      ],
    },
  },
  {
    files: ["**/*.test.ts", "tests/**/*.ts", "**/cli/**/*.ts", "**/cli.ts"],
    rules: { "no-console": "off", "@typescript-eslint/unbound-method": "off" },
  },
  { files: ["eslint.config.js"], ...tseslint.configs.disableTypeChecked },
);
