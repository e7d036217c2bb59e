/** The agent's words (PlainWords: zh and en) in the page's language. */
import type { PlainWords } from "@onewindow/contract";
import { useI18n } from "vue-i18n";

/** A function picking the words of the current locale (use inside a component's setup). */
export function usePlainWords(): (words: PlainWords) => string {
  const { locale } = useI18n();
  return (words) => (locale.value === "en" ? words.en : words.zh);
}
