import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzRuns } from "../core/fuzzRuns.ts";
import { DriverError, DriverErrorCode } from "../core/errors.ts";
import { Sw3, type IdCardReply } from "./codec.ts";
import { encodeCardText } from "./cardText.ts";
import {
  initialReadState,
  readTransition,
  replyFits,
  type ReadMachineInput,
  type ReadMachineState,
} from "./machine.ts";
import { encodeReadPayload } from "./payload.ts";
import { sampleCards } from "./sampleCards.ts";

const options = { withFingerprint: false };
const reply = (sw3: number, dataLength = 0): ReadMachineInput => ({
  kind: "reply",
  reply: { sw1: 0, sw2: 0, sw3, data: new Uint8Array(dataLength) },
});
const readReply: ReadMachineInput = {
  kind: "reply",
  reply: {
    sw1: 0,
    sw2: 0,
    sw3: Sw3.Success,
    data: encodeReadPayload(encodeCardText(sampleCards.resident.fields), sampleCards.resident.photo, false),
  },
};
const awaiting = (step: "find" | "select" | "read", cardHeld = false): ReadMachineState => ({
  kind: "awaiting",
  step,
  cardHeld,
});
const idle = (cardHeld: boolean): ReadMachineState => ({ kind: "idle", cardHeld });
const kinds = (t: { actions: readonly { kind: string }[] }): string[] => t.actions.map((a) => a.kind);

describe("read machine transitions", () => {
  it.each<[string, ReadMachineState, ReadMachineInput, ReadMachineState, string[]]>([
    ["idle + poll", initialReadState, { kind: "poll" }, awaiting("find"), ["send"]],
    ["find + 9F", awaiting("find"), reply(Sw3.CardFound, 4), awaiting("select"), ["send"]],
    ["find + 80, nothing held", awaiting("find"), reply(Sw3.FindFailed), idle(false), []],
    ["find + 80 after a read", awaiting("find", true), reply(Sw3.FindFailed), idle(false), ["removed"]],
    ["find + 9F after a read (no protection design)", awaiting("find", true), reply(Sw3.CardFound, 4), idle(true), []],
    ["find + 60 SAM fault", awaiting("find"), reply(Sw3.SamSelfTestFailed), idle(false), ["error"]],
    ["select + 90", awaiting("select"), reply(Sw3.Success, 8), awaiting("read"), ["send"]],
    ["select + 81", awaiting("select"), reply(Sw3.SelectFailed), idle(false), ["error"]],
    ["read + 90 with a card", awaiting("read"), readReply, idle(true), ["card"]],
    ["read + 41", awaiting("read"), reply(Sw3.ReadFailed), idle(false), ["error"]],
    ["read + 90 with a short payload", awaiting("read"), reply(Sw3.Success, 300), idle(false), ["error"]],
    ["poll mid-cycle", awaiting("select"), { kind: "poll" }, awaiting("select"), []],
    ["stray reply while idle", idle(true), reply(Sw3.Success), idle(true), []],
  ])("when %s, then the next state and actions follow the table", (_name, state, input, next, actions) => {
    const transition = readTransition(state, input, options);
    expect(transition.state).toEqual(next);
    expect(kinds(transition)).toEqual(actions);
  });

  it("when a step fails with a timeout, then the timeout is reported and the held flag kept", () => {
    const error = new DriverError(DriverErrorCode.Timeout, "no reply");
    const transition = readTransition(awaiting("find", true), { kind: "failed", error }, options);
    expect(transition).toEqual({ state: idle(true), actions: [{ kind: "error", error }] });
  });

  it("when select fails with 81, then the error is CardSelectFailed", () => {
    const [action] = readTransition(awaiting("select"), reply(Sw3.SelectFailed), options).actions;
    expect(action?.kind === "error" && action.error.code).toBe(DriverErrorCode.CardSelectFailed);
  });

  it("when the read reply is decoded, then the card event carries the card and photo", () => {
    const [action] = readTransition(awaiting("read"), readReply, options).actions;
    expect(action?.kind === "card" && action.read.card.idNumber).toBe("110101198506121234");
    expect(action?.kind === "card" && action.read.photo).toEqual(sampleCards.resident.photo);
  });
});

describe("reply plausibility", () => {
  const r = (sw3: number, n: number): IdCardReply => ({ sw1: 0, sw2: 0, sw3, data: new Uint8Array(n) });

  it("when a late 1290-byte read reply arrives during a find, then it does not fit", () => {
    expect(replyFits("find", r(Sw3.Success, 1288))).toBe(false);
    expect(replyFits("find", r(Sw3.CardFound, 4))).toBe(true);
    expect(replyFits("find", r(Sw3.FindFailed, 0))).toBe(true);
  });

  it("when a find reply arrives during a select or read, then it does not fit", () => {
    expect(replyFits("select", r(Sw3.CardFound, 4))).toBe(false);
    expect(replyFits("read", r(Sw3.CardFound, 4))).toBe(false);
    expect(replyFits("read", r(Sw3.Success, 8))).toBe(false);
    expect(replyFits("select", r(Sw3.Success, 8))).toBe(true);
    expect(replyFits("read", r(Sw3.ReadFailed, 0))).toBe(true);
  });

  it("when a late find reply arrives during a SAM command, then it does not fit", () => {
    expect(replyFits("command", r(Sw3.FindFailed, 0))).toBe(false);
    expect(replyFits("command", r(Sw3.CardFound, 4))).toBe(false);
    expect(replyFits("command", r(Sw3.Success, 16))).toBe(true);
    expect(replyFits("command", r(Sw3.SamSelfTestFailed, 0))).toBe(true);
  });
});

describe("read machine fuzzing", () => {
  it("when any sequence of polls, random replies and failures is fed in, then it never throws and a card needs a 90 read", () => {
    const input = fc.oneof(
      fc.constant<ReadMachineInput>({ kind: "poll" }),
      fc.constant<ReadMachineInput>({ kind: "failed", error: new DriverError(DriverErrorCode.Timeout, "t") }),
      fc
        .tuple(fc.nat(255), fc.uint8Array({ maxLength: 40 }))
        .map(([sw3, data]): ReadMachineInput => ({ kind: "reply", reply: { sw1: 0, sw2: 0, sw3, data } })),
      fc.constant(readReply),
    );
    fc.assert(
      fc.property(fc.array(input, { maxLength: 60 }), (inputs) => {
        let state: ReadMachineState = initialReadState;
        for (const next of inputs) {
          const before = state;
          const transition = readTransition(state, next, options);
          state = transition.state;
          for (const action of transition.actions)
            if (action.kind === "card") expect(before).toEqual(awaiting("read", false));
        }
      }),
      { numRuns: fuzzRuns },
    );
  });
});
