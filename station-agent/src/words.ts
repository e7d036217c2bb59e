/**
 * Every sentence the agent shows a citizen, in Chinese and English, keyed by a stable code (AgentReason). The page
 * picks the language; tests and logs use the code.
 */
import type { AgentReason } from "@onewindow/contract";

const table = {
  busy: ["正在出票，请稍候", "A ticket is printing, please wait"],
  duplicate: ["这张票已在办理中", "This request is already being handled"],
  printer_missing: ["本机没有打印机，暂不能取号", "This kiosk has no printer; tickets cannot be issued"],
  "paper-out": ["打印机缺纸，请到服务台取号", "The printer is out of paper; please ask at the service desk"],
  "cover-open": ["打印机盖未关好，请联系工作人员", "The printer cover is open; please ask a member of staff"],
  "cutter-error": ["打印机切纸故障，请联系工作人员", "The printer's cutter is jammed; please ask a member of staff"],
  offline: ["打印机离线，请到服务台取号", "The printer is offline; please ask at the service desk"],
  printer_unreachable: ["打印机未连接，请到服务台取号", "The printer is not connected; please ask at the service desk"],
  printer_silent: ["打印机无响应，请到服务台取号", "The printer does not answer; please ask at the service desk"],
  print_failed: [
    "出票失败，号码已作废，请重新取号",
    "Printing failed; the number was cancelled, please take a new ticket",
  ],
  hall_unreachable: [
    "暂时无法连接大厅服务器，请稍后再试",
    "The hall server cannot be reached; please try again shortly",
  ],
  voided_meanwhile: ["该号码已被作废，请到服务台咨询", "This number was cancelled; please ask at the service desk"],
  not_paired: ["本机尚未配对，请联系工作人员", "This kiosk is not paired yet; please ask a member of staff"],
  no_card: ["请先将身份证放在读卡区", "Please place your ID card on the reader first"],
  card_invalid_id: [
    "身份证号码校验不通过，请到服务台办理",
    "The ID number on this card does not check out; please go to the service desk",
  ],
  card_expired: ["证件已过有效期，请到服务台办理", "This card has expired; please go to the service desk"],
  card_during_print: ["正在出票，请出票后再放证件", "A ticket is printing; please place your card after it is out"],
  scan_not_code: [
    "扫描内容不是预约码，请扫描预约短信中的二维码",
    "That is not an appointment code; please scan the code in your booking message",
  ],
  not_elderly: ["老年人优先需读取60岁以上证件", "Elderly priority needs the card of someone aged 60 or over"],
  item_closed: ["该事项当前不可取号", "This service is not taking tickets now"],
  cap_reached: ["该事项今日号已取完", "No more tickets for this service today"],
  not_found: ["未找到该事项或预约", "That service or booking was not found"],
  refused: ["未能取号", "The ticket could not be issued"],
  not_here: ["本机不支持此操作", "This station does not do that"],
  catalog_unavailable: [
    "暂时无法读取办事指南，请稍后再试或到服务台咨询",
    "The list of services cannot be read now; please try again shortly or ask at the service desk",
  ],
} as const satisfies Record<string, readonly [string, string]>;

export type ReasonCode = keyof typeof table;

/** The reason `code` in both languages; `en` may be replaced by a more specific English sentence (the server's). */
export function reason(code: ReasonCode, en?: string): AgentReason {
  const [zh, defaultEn] = table[code];
  return { code, words: { zh, en: en ?? defaultEn } };
}

/** Whether `code` is one of the table's codes. */
export function isReasonCode(code: string): code is ReasonCode {
  return code in table;
}

/** Plain words for a device's health, for the page's status line. */
export function healthWords(device: string, state: string, code: string | undefined): { zh: string; en: string } {
  const names: Record<string, [string, string]> = {
    printer: ["打印机", "Printer"],
    idCardReader: ["身份证读卡器", "ID card reader"],
    scanner: ["扫码器", "Scanner"],
    callerKeypad: ["呼叫器", "Caller keypad"],
    evaluationKeypad: ["评价器", "Evaluation keypad"],
    ledStrip: ["窗口屏", "LED strip"],
  };
  const [zhName, enName] = names[device] ?? [device, device];
  if (state === "connected") return { zh: `${zhName}正常`, en: `${enName} ready` };
  if (code && isReasonCode(code) && state === "degraded") {
    const [zh, en] = table[code];
    return { zh: `${zhName}：${zh}`, en: `${enName}: ${en}` };
  }
  if (code === "paper-near-end") return { zh: `${zhName}：纸将用完`, en: `${enName}: paper nearly out` };
  if (state === "disconnected") return { zh: `${zhName}未连接`, en: `${enName} not connected` };
  return { zh: `${zhName}工作异常`, en: `${enName} not working properly` };
}
