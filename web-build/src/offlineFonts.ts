/**
 * A hall's LAN has no internet and its pages' CSP allows fonts only from the hall itself: Vant's icon font lists a
 * CDN copy (at.alicdn.com) after its inlined one, which the browser fetches (and the CSP refuses) whenever it tries
 * the second source. The pages' build drops every remote source from @font-face rules so no page ever reaches out.
 */
import type { Plugin } from "vite";

/** A remote `url(...)` entry in an @font-face `src` list (`//host`, `http:` or `https:`), with its format hint. */
const REMOTE_SOURCE = /,?\s*url\(\s*["']?(?:https?:)?\/\/[^)]*\)\s*(?:format\([^)]*\))?/g;

/**
 * `css` with every remote source removed from the `src` of its @font-face rules; other rules untouched. A `src` list
 * runs to the first `;` or `}` outside parentheses (an inlined data: URL holds semicolons).
 */
export function dropRemoteFontSources(css: string): string {
  return css.replace(/@font-face\s*\{[^}]*\}/g, (rule) =>
    rule.replace(
      /src\s*:((?:[^;}()]|\([^)]*\))*)/g,
      (_src, list: string) => `src:${list.replace(REMOTE_SOURCE, "").replace(/^\s*,/, "")}`,
    ),
  );
}

/** The Vite plugin applying `dropRemoteFontSources` to every stylesheet before Vite processes it. */
export function offlineFonts(): Plugin {
  return {
    name: "onewindow-offline-fonts",
    enforce: "pre",
    transform(code, id) {
      if (!/\.css(\?|$)/.test(id)) return null;
      const cleaned = dropRemoteFontSources(code);
      return cleaned === code ? null : { code: cleaned, map: null };
    },
  };
}
