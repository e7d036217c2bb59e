import { afterEach, describe, expect, it } from "vitest";
import { createPtyPair, type PtyPair } from "../core/ptyPair.ts";
import { SerialTransport } from "../core/serialTransport.ts";
import { IdCardCommand, Sw3, decodeReply, encodeRequest, type IdCardReply } from "./codec.ts";
import { IdCardParser } from "./parser.ts";
import { sampleCards } from "./sampleCards.ts";
import { VirtualIdCardReader } from "./virtual.ts";

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** A raw host end: send bytes, await the next reply frame. */
async function rawHost(): Promise<{
  pair: PtyPair;
  virtual: VirtualIdCardReader;
  ask: (bytes: Uint8Array) => Promise<IdCardReply>;
}> {
  const pair = await createPtyPair();
  const virtual = new VirtualIdCardReader({ path: pair.devicePath });
  await virtual.start();
  const host = new SerialTransport({ path: pair.hostPath });
  await host.open();
  cleanup = async () => {
    await host.close();
    await virtual.stop();
    await pair.dispose();
  };
  const parser = new IdCardParser();
  const replies: IdCardReply[] = [];
  let waiting: ((reply: IdCardReply) => void) | undefined;
  host.on("data", (chunk: Buffer) => {
    for (const event of parser.push(chunk)) {
      if (event.kind !== "frame") continue;
      const reply = decodeReply(event.frame);
      if (waiting) {
        waiting(reply);
        waiting = undefined;
      } else replies.push(reply);
    }
  });
  const ask = async (bytes: Uint8Array): Promise<IdCardReply> => {
    const next = new Promise<IdCardReply>((resolve) => {
      const queued = replies.shift();
      if (queued) resolve(queued);
      else waiting = resolve;
    });
    await host.write(bytes);
    return next;
  };
  return { pair, virtual, ask };
}

describe("VirtualIdCardReader over a PTY pair", () => {
  it("when a request has a bad checksum, then the reader answers 10", async () => {
    const { ask } = await rawHost();
    const bad = encodeRequest(IdCardCommand.FindCard);
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 0x01;
    expect((await ask(bad)).sw3).toBe(Sw3.ChecksumError);
  });

  it("when a request's length field is below 3, then the reader answers 11", async () => {
    const { ask } = await rawHost();
    expect((await ask(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x02, 0x20, 0x22))).sw3).toBe(Sw3.LengthError);
  });

  it("when an unknown command arrives, then the reader answers 21", async () => {
    const { ask } = await rawHost();
    expect((await ask(encodeRequest({ cmd: 0x42, para: 0x01 }))).sw3).toBe(Sw3.CommandError);
  });

  it("when the host runs find/select/read/find, then the replies follow the protection design", async () => {
    const { virtual, ask } = await rawHost();
    virtual.placeCard(sampleCards.resident);
    expect((await ask(encodeRequest(IdCardCommand.SelectCard))).sw3).toBe(Sw3.SelectFailed);
    expect((await ask(encodeRequest(IdCardCommand.ReadTextPhoto))).sw3).toBe(Sw3.ReadFailed);
    expect((await ask(encodeRequest(IdCardCommand.FindCard))).sw3).toBe(Sw3.CardFound);
    expect((await ask(encodeRequest(IdCardCommand.SelectCard))).sw3).toBe(Sw3.Success);
    const read = await ask(encodeRequest(IdCardCommand.ReadTextPhoto));
    expect([read.sw3, read.data.length]).toEqual([Sw3.Success, 1284]);
    expect((await ask(encodeRequest(IdCardCommand.FindCard))).sw3).toBe(Sw3.FindFailed);
    expect(virtual.phase).toBe("READ_DONE");
    virtual.removeCard();
    virtual.placeCard(sampleCards.resident);
    expect((await ask(encodeRequest(IdCardCommand.FindCard))).sw3).toBe(Sw3.CardFound);
  });
});
