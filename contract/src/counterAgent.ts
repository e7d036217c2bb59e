/**
 * The counter station's page <-> agent messages: the staff console (`hello.page` "counter") and the citizen-facing
 * window screen (`hello.page` "window") talk to the counter's station agent over the same sealed loopback channel as
 * a kiosk (./agent.ts). The agent holds the counter's device token and the signed-in staff member's session token;
 * neither ever reaches a page.
 *
 *   console --signIn {employeeNo, pin}--> agent --POST /api/auth/login (device token)--> hall-server
 *   console --act {action, ...args}-----> agent --POST /api/counter/* | /api/tickets/* (session token)
 *   agent   --counter {state}-----------> every page of the station, on every change (the whole state each time)
 *   agent   --actDone | actRefused------> the page that asked (same requestId)
 *
 * Pure: schemas and the words of refusals; `counterActions` (./counterActions.ts) says which actions a state allows.
 */
import { z } from "zod";
import { AgentReason, PlainWords } from "./agentWords.ts";
import { TimeLimit } from "./catalog.ts";
import { Pin } from "./credentials.ts";
import { PriorityClass } from "./enums.ts";
import { CallableTicket, TicketView } from "./events.ts";
import { RatingLevel, RatingPromptView } from "./ratings.ts";

const requestId = z.uuid();
const itemCode = z.string().trim().min(1).max(64);
const employeeNo = z.string().trim().min(1).max(32);
const windowNumber = z.number().int().positive().max(9999);
/** A ticket printed today, e.g. "A012" (case and spaces forgiven), as the server's TicketChoiceBody reads it. */
const ticketNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]*[A-Z]\d{3,}$/, 'ticket number is its letter and digits as printed, e.g. "A012"');
/** A ticket named by its internal id or by its printed number (exactly one). */
const ticketChoice = {
  ticketId: z.number().int().positive().optional(),
  number: ticketNumber.optional(),
};
const exactlyOneTicket = (b: { ticketId?: number; number?: string }) =>
  (b.ticketId === undefined) !== (b.number === undefined);
const oneTicketMessage = { message: "give exactly one of ticketId or number" };

// ---------------------------------------------------------------------------------------------------------------
// actions

/** Every staff action the console (or the caller keypad, through the agent) can ask for, in display order. */
export const COUNTER_ACTIONS = [
  "callNext",
  "call",
  "recall",
  "start",
  "noShow",
  "finish",
  "transfer",
  "hold",
  "unhold",
  "reactivate",
  "cancel",
  "pause",
  "resume",
  "issueForCitizen",
  "reprint",
] as const;
export const CounterActionName = z.enum(COUNTER_ACTIONS);
export type CounterActionName = z.infer<typeof CounterActionName>;

/** The console's controls the state decides on: the actions, and signing in and out. */
export const COUNTER_CONTROLS = [...COUNTER_ACTIONS, "signIn", "signOut"] as const;
export const CounterControl = z.enum(COUNTER_CONTROLS);
export type CounterControl = z.infer<typeof CounterControl>;

const act = <A extends CounterActionName, S extends z.core.$ZodShape>(action: A, shape: S) =>
  z.strictObject({ type: z.literal("act"), requestId, action: z.literal(action), ...shape });

/**
 * One staff action with its arguments (the `act` page message). Each maps to one hall-server endpoint:
 * callNext POST /api/counter/call-next; call /api/counter/call; recall; start; noShow /api/counter/no-show;
 * finish {handledItemCodes?}; transfer {to, itemCode?, employeeNo?, windowNumber?, note} (itemCode defaults to the
 * current ticket's item: "to a window, keeping the item"); hold; unhold {ticketId|number}; pause {reason};
 * resume; reactivate and cancel {ticketId|number} POST /api/tickets/:id/...; issueForCitizen {itemCode, priority}
 * POST /api/tickets (代办, agent: true; "green" = 绿色通道); reprint {ticketId} POST /api/tickets/:id/reprint.
 */
export const CounterAct = z.discriminatedUnion("action", [
  act("callNext", {}),
  act("call", ticketChoice).refine(exactlyOneTicket, oneTicketMessage),
  act("recall", {}),
  act("start", {}),
  act("noShow", {}),
  act("finish", {
    /** Items actually handled in a multi-item visit; default the ticket's item. */
    handledItemCodes: z
      .array(itemCode)
      .min(1)
      .max(20)
      .refine((codes) => new Set(codes).size === codes.length, { message: "an item is listed twice" })
      .optional(),
  }),
  act("transfer", {
    to: z.enum(["item", "staff", "window"]),
    itemCode: itemCode.optional(),
    employeeNo: employeeNo.optional(),
    windowNumber: windowNumber.optional(),
    note: z.string().max(500).default(""),
  }).refine(
    (b) =>
      (b.to === "item" && b.itemCode !== undefined) ||
      (b.to === "staff" && b.employeeNo !== undefined) ||
      (b.to === "window" && b.windowNumber !== undefined),
    { message: "a transfer to an item names itemCode, to a staff member employeeNo, to a window windowNumber" },
  ),
  act("hold", {}),
  act("unhold", ticketChoice).refine(exactlyOneTicket, oneTicketMessage),
  act("reactivate", ticketChoice).refine(exactlyOneTicket, oneTicketMessage),
  act("cancel", ticketChoice).refine(exactlyOneTicket, oneTicketMessage),
  act("pause", { reason: z.string().trim().min(1, "a pause needs a reason").max(200) }),
  act("resume", {}),
  act("issueForCitizen", {
    itemCode,
    priority: PriorityClass.extract(["normal", "elderly", "green"]).default("normal"),
  }),
  act("reprint", { ticketId: z.number().int().positive() }),
]);
export type CounterAct = z.input<typeof CounterAct>;
export type ParsedCounterAct = z.infer<typeof CounterAct>;

// ---------------------------------------------------------------------------------------------------------------
// page -> agent (sealed, like every page message)

/** What a counter page sends besides `hello`/`status`: sign in (PIN at this window), sign out, act, refresh. */
export const CounterPageMessage = z.discriminatedUnion("type", [
  /** Sign in at this counter's window with the staff member's PIN (never kept by the agent after the login). */
  z.strictObject({
    type: z.literal("signIn"),
    requestId,
    employeeNo,
    pin: Pin,
  }),
  z.strictObject({ type: z.literal("signOut"), requestId }),
  CounterAct,
  /** Ask for the whole counter state again (the agent also re-reads the hall). */
  z.strictObject({ type: z.literal("refresh") }),
  /**
   * The citizen's rating chosen on the window screen (touch, issue 12): the level and, for a bad review (1-2), the
   * reasons picked from `CounterState.rating.reasons`. Answered `actDone` when taken for the armed prompt (its
   * progress then shows in `rating`), `actRefused` "nothing_to_rate" when no prompt is armed.
   */
  z.strictObject({
    type: z.literal("rate"),
    requestId,
    level: RatingLevel,
    indicatorCodes: z.array(z.string().trim().min(1).max(16)).max(10).optional(),
    text: z.string().trim().max(500).optional(),
  }),
]);
export type CounterPageMessage = z.input<typeof CounterPageMessage>;

// ---------------------------------------------------------------------------------------------------------------
// agent -> page

/** Whether a control is allowed now, and why not in plain words when it is not. */
export const ActionVerdict = z.strictObject({ allowed: z.boolean(), why: AgentReason.optional() });
export type ActionVerdict = z.infer<typeof ActionVerdict>;

/** The verdict of every control (`counterActions` computes it from the rest of the state). */
export const CounterActions = z.strictObject(
  Object.fromEntries(COUNTER_CONTROLS.map((name) => [name, ActionVerdict])) as Record<
    CounterControl,
    typeof ActionVerdict
  >,
);
export type CounterActions = z.infer<typeof CounterActions>;

/** Waiting count of one of the signed-in staff member's items. */
export const CounterWaitingItem = z.strictObject({
  itemCode: z.string(),
  itemName: z.string(),
  count: z.number().int().nonnegative(),
});
export type CounterWaitingItem = z.infer<typeof CounterWaitingItem>;

/** The service guide of the current ticket's item (一次性告知): what to check, and the promised time limit. */
export const CounterGuide = z.strictObject({
  itemCode: z.string(),
  itemName: z.string(),
  materials: z.array(z.string()),
  promisedLimit: TimeLimit,
  idCardRequired: z.boolean(),
});
export type CounterGuide = z.infer<typeof CounterGuide>;

/**
 * The whole state of one counter, sent to every page of the station on every change. Personal data only masked
 * (TicketView, CallableTicket); the window screen shows only its non-personal parts.
 */
export const CounterState = z.strictObject({
  /** The hall-server is reachable right now (its /ws is open): actions can be carried out. */
  connected: z.boolean(),
  /** The hall's time zone (IANA, the station's `timeZone`): the pages show times in it, not in their PC's. */
  timeZone: z.string(),
  window: z.strictObject({
    number: z.number().int(),
    name: z.string(),
    state: z.enum(["closed", "open", "paused"]),
    /** 去向留言 while paused. */
    pauseReason: z.string().nullable(),
  }),
  /** The signed-in staff member; `photo` a data: URL, or null when the hall has none. */
  staff: z.strictObject({ employeeNo: z.string(), name: z.string(), photo: z.string().nullable() }).nullable(),
  /** Why the last session ended when the staff member did not sign out themselves (expired, released, revoked). */
  signedOut: AgentReason.nullable(),
  /** The ticket called or in service at this window. */
  current: TicketView.nullable(),
  /** Tickets on hold at this window, oldest first. */
  held: z.array(TicketView),
  /** Waiting counts of the staff member's items at this window. */
  waiting: z.array(CounterWaitingItem),
  /** Tickets the staff member may call out of order. */
  callable: z.array(CallableTicket),
  /** No-shows and cancellations at this window since the agent started, newest first (at most 20): to reactivate. */
  recent: z.array(TicketView),
  guide: CounterGuide.nullable(),
  actions: CounterActions,
  /** The last call (or recall) at this window: its number and the announcement. */
  lastCall: z.strictObject({ number: z.string(), text: PlainWords }).nullable(),
  /**
   * The rating prompt of the service that finished here (issue 12), for the window screen. A counter agent sends it
   * always; absent (an older agent) reads as no prompt.
   */
  rating: RatingPromptView.optional(),
});
export type CounterState = z.infer<typeof CounterState>;

/** What a counter agent sends its pages besides the kiosk-wide `welcome`/`devices`/`error`. */
export const CounterAgentMessage = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("counter"), counter: CounterState }),
  /** The request (signIn, signOut or act) was carried out; `ticket` the ticket it changed or issued. */
  z.strictObject({ type: z.literal("actDone"), requestId, ticket: TicketView.optional() }),
  /** The request did not happen: why, in plain words (code "hall_unreachable" when the hall cannot be reached). */
  z.strictObject({ type: z.literal("actRefused"), requestId, reason: AgentReason }),
]);
export type CounterAgentMessage = z.infer<typeof CounterAgentMessage>;

// ---------------------------------------------------------------------------------------------------------------
// words

const counterWords = {
  hall_unreachable: ["暂时无法连接大厅服务器，操作未执行", "The hall server cannot be reached; nothing was done"],
  not_signed_in: ["请先登录", "Sign in first"],
  already_signed_in: ["已登录，请先退出", "Already signed in; sign out first"],
  not_paired: ["本机尚未配对，请联系管理员", "This counter is not paired yet; ask an administrator"],
  window_paused: ["窗口已暂停，请先恢复服务", "The window is paused; resume first"],
  window_not_paused: ["窗口未暂停", "The window is not paused"],
  already_paused: ["窗口已暂停", "The window is already paused"],
  window_busy: ["当前还有正在叫号或办理的群众", "A citizen is still called or being served here"],
  no_current: ["当前没有叫号或办理中的群众", "No citizen is called or being served"],
  not_called: ["只有已叫号、尚未开始办理的号码可以这样操作", "Only a called ticket not yet in service allows this"],
  not_serving: ["请先开始办理", "Start the service first"],
  nobody_waiting: ["没有等候的群众", "Nobody is waiting"],
  none_held: ["没有挂起的号码", "No ticket is on hold"],
  busy: ["上一个操作还在进行，请稍候", "The previous action is still in progress; please wait"],
  keypad_login: [
    "呼叫器不能登录，请在工作台输入工号和密码",
    "The caller keypad cannot sign in; sign in at the console with your PIN",
  ],
  key_unassigned: ["该按键未设置功能", "This key has no function here"],
  ticket_unknown: ["本窗口找不到该号码", "That ticket number is not known at this window"],
  session_expired: ["登录已过期，请重新登录", "Your session ended; please sign in again"],
  wrong_credentials: ["工号或密码错误", "The employee number or PIN is wrong"],
  sign_in_locked: [
    "密码错误次数过多，该工号在本机暂时锁定，请稍后再试或请值班主任解锁",
    "Too many wrong PINs: this employee number is locked on this counter for a while; try later or ask a supervisor",
  ],
  released_by_supervisor: ["窗口已被值班主任释放", "A supervisor released this window"],
  device_revoked: ["本机已被停用，请联系管理员", "This counter was revoked; ask an administrator"],
  signed_out_elsewhere: ["已退出登录", "Signed out"],
  double_press: ["重复按键已忽略", "A repeated key press was ignored"],
  refused: ["操作未执行", "The action was not carried out"],
  // The hall-server's refusals (its ErrorCode), with its own English sentence as `en`.
  no_ticket: ["没有等候的群众", "Nobody is waiting"],
  invalid_state: ["该号码当前状态不允许此操作", "The ticket's state does not allow this"],
  conflict: ["操作冲突，未执行", "This conflicts with the hall's state; nothing was done"],
  not_found: ["未找到该号码、事项、人员或窗口", "No such ticket, item, staff member or window"],
  forbidden: ["无权执行此操作", "This is not allowed here"],
  bad_request: ["输入有误", "The request is not valid"],
  item_closed: ["该事项当前不可取号", "This service is not taking tickets now"],
  cap_reached: ["该事项今日号已取完", "No more tickets for this service today"],
  rate_limited: ["操作过于频繁，请稍后再试", "Too many requests; please try again shortly"],
} as const satisfies Record<string, readonly [string, string]>;

export type CounterReasonCode = keyof typeof counterWords;

/**
 * The reason `code` in both languages. `en` (and `zh`) may be replaced by a more specific sentence, e.g. the
 * hall-server's message for a refusal it gave.
 */
export function counterReason(code: CounterReasonCode, detail?: { zh?: string; en?: string }): AgentReason {
  const [zh, en] = counterWords[code];
  return { code, words: { zh: detail?.zh ?? zh, en: detail?.en ?? en } };
}
