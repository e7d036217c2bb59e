import express from "express";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpServer } from "./httpServer.ts";

describe("createHttpServer", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  it("when a request arrives, then Express sees it born with its own request and response prototypes", async () => {
    const app = express();
    app.get("/probe", (req, res) => {
      res.json({
        request: Object.getPrototypeOf(req) === app.request,
        response: Object.getPrototypeOf(res) === app.response,
        express: typeof req.get === "function" && typeof res.status === "function",
      });
    });
    const server = createHttpServer(app);
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    close = () => new Promise((done) => server.close(() => done()));
    const { port } = server.address() as AddressInfo;
    const answer = await fetch(`http://127.0.0.1:${port}/probe`);
    expect(await answer.json()).toEqual({ request: true, response: true, express: true });
  });
});
