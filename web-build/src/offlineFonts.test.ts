import { describe, expect, it } from "vitest";
import { dropRemoteFontSources } from "./offlineFonts.ts";

describe("the pages' fonts never leave the hall", () => {
  it("when an @font-face lists an inlined font and a CDN copy (Vant's icon font), then only the inlined one stays", () => {
    const vant =
      '@font-face{font-family:vant-icon;src:url(data:font/woff2;charset=utf-8;base64,d09GMg==) format("woff2"),url(//at.alicdn.com/t/c/font.woff?t=1) format("woff")}';
    expect(dropRemoteFontSources(vant)).toBe(
      '@font-face{font-family:vant-icon;src:url(data:font/woff2;charset=utf-8;base64,d09GMg==) format("woff2")}',
    );
  });

  it("when the remote source comes first or uses https, then it goes too, and local sources stay", () => {
    const css =
      '@font-face{font-family:x;src:url("https://cdn.example/x.woff2") format("woff2"), url(./x.woff) format("woff");}';
    expect(dropRemoteFontSources(css)).toBe('@font-face{font-family:x;src: url(./x.woff) format("woff");}');
  });

  it("when a rule is not an @font-face, then its urls are left alone", () => {
    const css = ".logo{background:url(//example.org/a.png)}";
    expect(dropRemoteFontSources(css)).toBe(css);
  });
});
