/**
 * What the shells' fallback-page browser tests share (tests/kiosk-shell/, tests/counter-shell/): the page built for
 * one shell's words and served by a loopback stand-in for the shell's onewindow-shell://fallback protocol, which
 * answers through the same file map (station-shell policy/fallbackAssets.ts), since Electron cannot run here; a
 * free port with nothing listening (the hall-server "down"); and the layout measurements the tests hold the page to.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import {
  fallbackFileFor,
  formatFallbackFragment,
  type FallbackAddress,
  type FallbackVariant,
} from "@onewindow/station-shell";
import { buildFallbackPage } from "@onewindow/station-shell/build";

/** The built fallback page of one shell, served on loopback. */
export interface ServedFallbackPage {
  /** The page's URL for `address` (the stand-in's origin instead of onewindow-shell://fallback). */
  urlFor(address: FallbackAddress): string;
  /** The stand-in's origin, e.g. http://127.0.0.1:P. */
  readonly origin: string;
  close(): Promise<void>;
}

/** Build the fallback page for `variant` into a temporary folder and serve it on 127.0.0.1:0. */
export async function serveFallbackPage(variant: FallbackVariant): Promise<ServedFallbackPage> {
  const bundle = mkdtempSync(join(tmpdir(), `onewindow-fallback-${variant}-`));
  await buildFallbackPage(bundle, variant);
  const server: Server = createServer((request, response) => {
    const asset = fallbackFileFor(`onewindow-shell://fallback${request.url ?? "/"}`);
    if (!asset) return response.writeHead(404).end();
    response.writeHead(200, { "content-type": asset.contentType }).end(readFileSync(join(bundle, asset.file)));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    urlFor: (address) => `${origin}/index.html#${formatFallbackFragment(address)}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      rmSync(bundle, { recursive: true, force: true });
    },
  };
}

/** A free loopback port with nothing listening on it (the hall-server "down"). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
  const { port } = probe.address() as AddressInfo;
  await new Promise((done) => probe.close(done));
  return port;
}

/** Every text-bearing element's font size and contrast and every button's box, as Chromium laid them out. */
export async function measure(page: Page) {
  return page.evaluate(() => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = (css: string) => {
      const [r = 0, g = 0, b = 0] = rgb(css).map((v) => v / 255);
      const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    /** The first opaque background behind `el` (WCAG 2 contrast needs the colour the text sits on). */
    const ground = (el: Element | null): string => {
      for (let at = el; at; at = at.parentElement) {
        const background = getComputedStyle(at).backgroundColor;
        if ((rgb(background)[3] ?? 1) > 0) return background;
      }
      return "rgb(255, 255, 255)";
    };
    const contrast = (el: Element) => {
      const [a, b] = [luminance(getComputedStyle(el).color), luminance(ground(el))];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    };
    const texts = Array.from(document.querySelectorAll<HTMLElement>("h1, p, span, button"))
      .filter((el) => el.offsetParent !== null && (el.textContent ?? "").trim() !== "")
      .map((el) => ({
        text: (el.textContent ?? "").trim().slice(0, 20),
        px: parseFloat(getComputedStyle(el).fontSize),
        contrast: contrast(el),
      }));
    const buttons = Array.from(document.querySelectorAll("button"))
      .filter((el) => el.offsetParent !== null)
      .map((el) => el.getBoundingClientRect())
      .map((box) => ({ width: box.width, height: box.height, right: box.right, bottom: box.bottom }));
    return {
      texts,
      buttons,
      width: innerWidth,
      height: innerHeight,
      scrollHeight: document.documentElement.scrollHeight,
      scrollWidth: document.documentElement.scrollWidth,
    };
  });
}
