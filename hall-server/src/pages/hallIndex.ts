/**
 * The hall's front page ("/" asked by a browser): the hall's name and its pages, in Chinese and English, instead of
 * the API's JSON 404. Plain HTML, no script: the kiosk, how a citizen follows a ticket (the QR code on it), the API
 * reference. A client asking for JSON still gets the API's 404.
 */
import type { HallPage } from "./hallPage.ts";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The front page of hall `hallName` listing the titled `pages`. */
export function hallIndexPage(hallName: string, pages: readonly HallPage[]): string {
  const links = pages
    .filter((p) => p.title !== undefined)
    .map(
      (p) =>
        `<li><a href="${p.mountPath}">${escapeHtml(p.title!["zh-CN"])}</a> · <span lang="en">${escapeHtml(p.title!.en)}</span></li>`,
    );
  const name = escapeHtml(hallName);
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${name} · OneWindow</title>
    <!-- No icon, said outright (as the hall's pages do): else the browser asks for /favicon.ico and logs a 404. -->
    <link rel="icon" href="data:," />
    <style>
      body { font: 18px/1.6 system-ui, "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; margin: 0; color: #1a1a1a; }
      main { max-width: 40rem; margin: 0 auto; padding: 1.5rem; }
      a { color: #0b57b7; }
      li { margin: 0.5rem 0; }
      .en { color: #4a4a4a; }
    </style>
  </head>
  <body>
    <main>
      <h1>${name}</h1>
      <ul>
        ${links.join("\n        ")}
        <li>查看排队进度：请用手机扫描取号小票上的二维码 · <span lang="en">Follow your ticket: scan the QR code printed on it with your phone</span></li>
        <li><a href="/api/docs">接口文档</a> · <span lang="en">API reference</span></li>
      </ul>
      <p class="en" lang="en">OneWindow queue management. The pages above are this hall's; the status page opens from a ticket's own link.</p>
    </main>
  </body>
</html>
`;
}
