/**
 * 适老化 and accessibility measured in the page, from computed styles and bounding boxes (device pixel ratio 1):
 * every visible text's size, line height and contrast against the background it sits on, every touch target's
 * box, and the number of choices on screen. Pure browser code run through page.evaluate.
 */
import type { Page } from "@playwright/test";

export interface Measured {
  /** Each visible text run: its size (px), line height (px), contrast ratio and a short sample. */
  texts: { size: number; lineHeight: number; contrast: number; sample: string; disabled: boolean }[];
  /** Each visible touch target (button, input, link): its box. */
  targets: { width: number; height: number; label: string }[];
  /** Visible choices of a list screen ([data-choice]). */
  choices: number;
}

export function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const rgba = (text: string): [number, number, number, number] => {
      const m = /rgba?\(([^)]+)\)/.exec(text);
      if (!m) return [0, 0, 0, 0];
      const p = m[1]!
        .split(/[,\s/]+/)
        .filter(Boolean)
        .map(Number);
      return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
    };
    const luminance = ([r, g, b]: number[]) => {
      const c = [r!, g!, b!].map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c[3] > 0.5) return c;
      }
      return [255, 255, 255, 1];
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none" && Number(s.opacity) > 0;
    };
    const texts: Measured["texts"] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? "";
      const el = node.parentElement;
      if (text === "" || !el || !visible(el)) continue;
      const s = getComputedStyle(el);
      const fg = rgba(s.color);
      const bg = background(el);
      const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
      const size = parseFloat(s.fontSize);
      texts.push({
        size,
        lineHeight: s.lineHeight === "normal" ? size * 1.2 : parseFloat(s.lineHeight),
        contrast: (l1! + 0.05) / (l2! + 0.05),
        sample: text.slice(0, 30),
        disabled: el.closest("button:disabled, .van-button--disabled") !== null,
      });
    }
    const targets = Array.from(document.querySelectorAll<HTMLElement>("button, a[href], input, [role=button]"))
      .filter(visible)
      .map((el) => {
        const r = el.getBoundingClientRect();
        return {
          width: r.width,
          height: r.height,
          label: (el.textContent ?? el.getAttribute("aria-label") ?? "").trim().slice(0, 30),
        };
      });
    return {
      texts,
      targets,
      choices: Array.from(document.querySelectorAll<HTMLElement>("[data-choice]")).filter(visible).length,
    };
  });
}

/** The thresholds of a mode: the standard page, or the elderly mode. */
export interface Thresholds {
  minText: number;
  minTarget: number;
  minContrast: number;
  /** Elderly: the most used text size (by characters) at least this. */
  mainText?: number;
  largest?: number;
  lineHeight?: number;
}

export const STANDARD: Thresholds = { minText: 18, minTarget: 60, minContrast: 4.5 };
export const ELDERLY: Thresholds = {
  minText: 18,
  minTarget: 60,
  minContrast: 7,
  mainText: 28,
  largest: 48,
  lineHeight: 1.3,
};

/** Every breach of `t` in `m`, as readable lines (empty when the screen passes). */
export function breaches(m: Measured, t: Thresholds): string[] {
  const out: string[] = [];
  for (const x of m.texts) {
    if (x.size < t.minText) out.push(`text ${x.size}px < ${t.minText}: "${x.sample}"`);
    if (x.contrast < t.minContrast) out.push(`contrast ${x.contrast.toFixed(2)} < ${t.minContrast}: "${x.sample}"`);
    if (t.lineHeight && x.lineHeight / x.size < t.lineHeight - 1e-6)
      out.push(`line height ${(x.lineHeight / x.size).toFixed(2)} < ${t.lineHeight}: "${x.sample}"`);
  }
  for (const b of m.targets)
    if (b.width < t.minTarget || b.height < t.minTarget)
      out.push(`target ${Math.round(b.width)}×${Math.round(b.height)} < ${t.minTarget}: "${b.label}"`);
  if (t.mainText !== undefined) {
    const bySize = new Map<number, number>();
    for (const x of m.texts) bySize.set(x.size, (bySize.get(x.size) ?? 0) + x.sample.length);
    const main = [...bySize.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
    if (main < t.mainText) out.push(`main text ${main}px < ${t.mainText}`);
  }
  if (t.largest !== undefined) {
    const largest = Math.max(0, ...m.texts.map((x) => x.size));
    if (largest < t.largest) out.push(`largest text ${largest}px < ${t.largest}`);
  }
  return out;
}
