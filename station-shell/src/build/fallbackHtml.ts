/**
 * Fill the fallback page's HTML template (station-shell/fallback/index.html) with one shell's words
 * (fallback/fallbackWords.ts): `{{shell}}`, `{{title.zh}}`, `{{title.en}}`, `{{why.zh}}`, `{{why.en}}` (the
 * "unreachable" line, replaced by the script with the shown reason's), `{{help.zh}}`, `{{help.en}}`. Pure.
 */
import { FALLBACK_WORDS, type FallbackVariant } from "../fallback/fallbackWords.ts";

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** The page's HTML for `variant`. Throws Error naming any placeholder the template has and this does not know. */
export function fallbackHtml(template: string, variant: FallbackVariant): string {
  const words = FALLBACK_WORDS[variant];
  const values: Readonly<Record<string, string>> = {
    shell: variant,
    "title.zh": words.title[0],
    "title.en": words.title[1],
    "why.zh": words.why.unreachable[0],
    "why.en": words.why.unreachable[1],
    "help.zh": words.help[0],
    "help.en": words.help[1],
  };
  return template.replace(/\{\{([^}]*)\}\}/g, (_all, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) throw new Error(`fallback page template: unknown placeholder {{${name}}}`);
    return escapeHtml(value);
  });
}
