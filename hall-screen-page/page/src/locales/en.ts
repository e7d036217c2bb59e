import type zhCN from "./zh-CN.ts";

/** English (second language); the same keys as zh-CN, checked by the type. */
const en: typeof zhCN = {
  title: "Hall screen",
  language: "中文",
  languageLabel: "切换到中文",
  pairing: {
    heading: "Pair this hall screen",
    lead: "Enter the 8-digit pairing code an admin created for this screen under Devices. Pair once: the screen remembers.",
    code: "Pairing code",
    placeholder: "8 digits",
    submit: "Pair",
    pairing: "Pairing…",
    refusedBefore:
      "The hall no longer accepts this screen's credentials (the device may have been revoked): pair again.",
    problem: {
      format: "A pairing code is 8 digits.",
      refused: "The pairing code is wrong, used or expired: ask an admin for a new one.",
      notScreen: "This pairing code belongs to another kind of device, not a hall screen: create one for a screen.",
      rateLimited: "Too many attempts: wait a minute and try again.",
      unreachable: "The hall server cannot be reached: check the network and try again.",
    },
  },
  windows: "Windows",
  window: "Window {n}",
  windowState: {
    called: "Please come",
    serving: "Serving",
    idle: "Open",
    paused: "Paused",
    closed: "Closed",
  },
  recent: "Latest calls",
  recentNone: "No calls yet today",
  callLine: "Number {number}, window {window}",
  recall: "Repeated",
  waiting: "Waiting",
  waitingNone: "Nobody is waiting",
  people: "{n}",
  notices: "Notices",
  caption: "Now calling",
  sound: {
    enable: "Enable sound",
    hint: "The browser plays the calls only after someone clicks once",
  },
  link: {
    connecting: "Connecting…",
    live: "Connected",
    retrying: "Connection lost, reconnecting…",
    refused: "Credentials ended",
    stopped: "Stopped",
  },
  loading: "Reading the hall…",
};

export default en;
