import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FALLBACK_VARIANTS, FALLBACK_WORDS } from "../fallback/fallbackWords.ts";
import { fallbackHtml } from "./fallbackHtml.ts";

const template = readFileSync(join(import.meta.dirname, "../../fallback/index.html"), "utf8");

describe("the fallback page's HTML, filled per shell", () => {
  it.each(FALLBACK_VARIANTS)(
    "when filled for the %s shell, then no placeholder is left and its title is the heading",
    (variant) => {
      const html = fallbackHtml(template, variant);
      expect(html).not.toContain("{{");
      expect(html).toContain(`data-shell="${variant}"`);
      expect(html).toContain(`<h1>${FALLBACK_WORDS[variant].title[0]}</h1>`);
    },
  );

  it("when the kiosk and the counter pages are compared, then they say 暂停取号 and 暂停服务", () => {
    expect(fallbackHtml(template, "kiosk")).toContain("<title>暂停取号 · Ticket service paused</title>");
    expect(fallbackHtml(template, "counter")).toContain("<title>暂停服务 · Service paused</title>");
  });

  it("when filled, then each placeholder takes its own word, wherever it stands", () => {
    expect(fallbackHtml("<p>{{title.en}}</p><p>{{why.en}}</p>", "counter")).toBe(
      "<p>Service paused</p><p>The hall server cannot be reached; retrying by itself.</p>",
    );
    expect(fallbackHtml('<p title="{{shell}}">', "counter")).toBe('<p title="counter">');
    expect(fallbackHtml("{{help.en}}", "counter")).toBe("Please wait, or ask hall staff.");
  });

  it("when the template names an unknown placeholder, then filling it fails naming it", () => {
    expect(() => fallbackHtml("<p>{{title.fr}}</p>", "kiosk")).toThrow("{{title.fr}}");
    expect(() => fallbackHtml("<p>{{constructor}}</p>", "kiosk")).toThrow("{{constructor}}");
  });
});
