/**
 * Each hall page's initial download as a phone on a cold cache fetches it: index.html plus every script and
 * stylesheet it references, as the hall's own page serving (hall-server/src/pages) sends them over real HTTP on
 * loopback with "Accept-Encoding: br, gzip" (compressed bytes on the wire, headers not counted), beside the
 * uncompressed size. The pages are built first when stale (the same build as npm run build:pages).
 */
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import express from "express";
import { ensureHallPages } from "../../hall-server/src/pages/ensureHallPages.ts";
import { hallPages } from "../../hall-server/src/pages/hallPages.ts";
import { mountPages } from "../../hall-server/src/pages/mountPages.ts";
import type { Row } from "./report.ts";

const SECTION = "8. Page initial download (cold cache, brotli over loopback HTTP)";
/** The kiosk issue's budget for a page's initial download (compressed). */
const BUDGET_KB = 500;

function fetchRaw(url: string): Promise<{ status: number; wire: number; plain: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { "accept-encoding": "br, gzip", accept: "text/html,*/*" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        const encoding = res.headers["content-encoding"];
        // Decoded only to find the references and the uncompressed size.
        const plain = encoding === "br" ? brotliDecompressSync(body) : encoding === "gzip" ? gunzipSync(body) : body;
        resolve({ status: res.statusCode ?? 0, wire: body.length, plain: plain.length, body: plain.toString() });
      });
    })
      .on("error", reject)
      .end();
  });
}

/** Rows: per page, compressed and uncompressed bytes of its first load (KB). */
export async function pageDownloadRows(): Promise<Row[]> {
  await ensureHallPages();
  const app = express();
  mountPages(app, hallPages, () => "bench");
  const server = app.listen(0, "127.0.0.1");
  await new Promise((done) => server.once("listening", done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const rows: Row[] = [];
  // A bundle served at two paths (the counter's console and window screen) is measured once, at its first path.
  const measured = new Set<string>();
  try {
    for (const page of hallPages) {
      if (measured.has(page.bundle.outDir)) continue;
      measured.add(page.bundle.outDir);
      const alsoAt = hallPages.filter((p) => p !== page && p.bundle.outDir === page.bundle.outDir);
      const url = `${origin}${page.mountPath}/`;
      const index = await fetchRaw(url);
      if (index.status !== 200) throw new Error(`${url} answered ${index.status}`);
      const refs = [...index.body.matchAll(/(?:src|href)="(\.\/assets\/[^"]+)"/g)].map((m) => m[1]!);
      let wire = index.wire;
      let plain = index.plain;
      for (const ref of refs) {
        const asset = await fetchRaw(new URL(ref, url).href);
        if (asset.status !== 200) throw new Error(`${ref} answered ${asset.status}`);
        wire += asset.wire;
        plain += asset.plain;
      }
      rows.push({
        key: `pages.${page.name}.initialKb`,
        section: SECTION,
        label: `${page.mountPath} compressed`,
        value: wire / 1024,
        unit: "KB",
        target: { op: "<=", value: BUDGET_KB },
        note: `index.html + ${refs.length} assets; ${(plain / 1024).toFixed(0)} KB uncompressed${alsoAt.map((p) => `; also ${p.mountPath}`).join("")}`,
      });
    }
  } finally {
    await new Promise((done) => server.close(done));
  }
  return rows;
}
