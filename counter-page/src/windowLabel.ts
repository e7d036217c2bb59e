/**
 * How a window is named on the counter's pages: "2 号窗口 综合受理" / "Window 2 综合受理", or the hall's own name
 * alone when it already says the number (halls often name windows "综合受理2号窗口"). Pure.
 */
export function windowLabel(window: { number: number; name: string }, language: "zh-CN" | "en"): string {
  const name = window.name.trim();
  if (name.includes(String(window.number))) return name;
  const numbered = language === "en" ? `Window ${window.number}` : `${window.number} 号窗口`;
  return name === "" ? numbered : `${numbered} ${name}`;
}
