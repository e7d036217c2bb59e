import type zhCN from "./zh-CN.ts";

/** English (second language); the same keys as zh-CN, checked by the type. */
const en: typeof zhCN = {
  title: "Virtual hardware panel",
  subtitle: "The demo hall's virtual devices: kiosk printer, ID-card reader, barcode scanner",
  language: "中文",
  connection: { open: "Connected", closed: "Disconnected, reconnecting…" },
  links: {
    pty: "Devices connected over socat pseudo-terminals",
    memory: "socat not installed: devices connected over in-memory links (same protocol bytes)",
  },
  kiosk: "Kiosk {n}",
  plugged: "Plugged in",
  unplugged: "Unplugged",
  plug: "Plug in",
  unplug: "Unplug",
  printer: {
    title: "Thermal printer",
    paper: "Paper",
    paperLevel: { ok: "OK", "near-end": "Near end", out: "Out" },
    cover: "Cover",
    coverOpen: "Open",
    coverClosed: "Closed",
    condition: "Condition",
  },
  condition: {
    ok: "OK",
    "paper-near-end": "Paper near end",
    "paper-out": "Paper out",
    "cover-open": "Cover open",
    "cutter-error": "Cutter error",
    offline: "Offline",
  },
  reader: {
    title: "ID-card reader",
    onReader: "On the reader: {card}",
    empty: "No card on the reader",
    place: "Place",
    remove: "Remove card",
  },
  cardType: {
    resident: "Resident ID card",
    "hmt-permit": "HK/Macau/Taiwan residence permit",
    "foreign-2017": "Foreign permanent residence card (2017)",
    "foreign-2023": "Foreign permanent residence card (2023)",
  },
  cardName: {
    resident: "Resident ID card",
    "resident-long-term": "Resident ID card (long-term)",
    "resident-uyghur": "Resident ID card (Uyghur)",
    "invalid-check-digit": "ID card with a wrong check digit",
    "hk-macau": "HK/Macau residence permit",
    taiwan: "Taiwan residence permit",
    "foreign-2017": "Foreign permanent residence (2017)",
    "foreign-2023": "Foreign permanent residence (2023)",
  },
  scanner: {
    title: "Barcode scanner",
    none: "This kiosk has no barcode scanner",
    appointment: "Appointment · {item} {slot}",
    other: "Not an appointment code",
    custom: "Other text",
    scan: "Scan",
    noCodes: "No appointment code is usable now",
  },
  tickets: {
    title: "Printed tickets",
    empty: "Nothing printed yet. Take a ticket to see it here.",
    caption: "Ticket {n} · kiosk {kiosk}",
  },
  reply: { ok: "Done", refused: "Not done: {error}" },
};
export default en;
