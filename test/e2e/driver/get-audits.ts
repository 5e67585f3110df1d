/** Audits of the page as drawn: contrast of marks, axe, layout (boxes in the viewport, overlaps). */

import { readFileSync } from "node:fs";
import type { Frame } from "playwright-core";

export function auditQuestions(frame: Frame) {
  return {
    /**
     * For each selector (a trailing `::before` reads that pseudo-element), the weakest contrast among the drawn
     * marks it matches: the stronger of its fill and its outline against the background behind it (the nearest
     * ancestor's opaque background). Selectors that match no drawn mark are left out.
     */
    async markContrasts(
      selectors: string[],
    ): Promise<{ selector: string; contrast: number; color: string; background: string }[]> {
      return frame.evaluate((selectors) => {
        const rgba = (text: string): number[] => {
          const m = text.match(/rgba?\(([^)]+)\)/);
          if (!m?.[1]) return [0, 0, 0, 0];
          const parts = m[1]
            .split(/[ ,/]+/)
            .filter(Boolean)
            .map(Number);
          return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
        };
        const luminance = (c: number[]): number => {
          const [r, g, b] = c.slice(0, 3).map((v) => {
            const x = v / 255;
            return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
          }) as [number, number, number];
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const over = (top: number[], under: number[]): number[] => {
          const a = top[3] ?? 1;
          return [0, 1, 2].map((i) => (top[i] ?? 0) * a + (under[i] ?? 0) * (1 - a));
        };
        const contrast = (a: number[], b: number[]): number => {
          const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
          return (hi + 0.05) / (lo + 0.05);
        };
        const results: { selector: string; contrast: number; color: string; background: string }[] = [];
        for (const selector of selectors) {
          const pseudo = selector.endsWith("::before") ? "::before" : null;
          const host = pseudo ? selector.slice(0, -pseudo.length) : selector;
          let weakest: { contrast: number; color: string; background: string } | null = null;
          for (const el of document.querySelectorAll<HTMLElement>(host)) {
            const box = el.getBoundingClientRect();
            if (box.width < 1 || box.height < 1) continue;
            const style = getComputedStyle(el, pseudo);
            let behind = [255, 255, 255, 1];
            for (let a: Element | null = el.parentElement; a; a = a.parentElement) {
              const c = rgba(getComputedStyle(a).backgroundColor);
              if ((c[3] ?? 0) > 0.99) {
                behind = c;
                break;
              }
            }
            const fill = rgba(style.backgroundColor);
            const hasOutline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
            // A mark drawn in SVG shows its shape's fill and stroke.
            const shape = pseudo ? null : el.querySelector("polygon, circle, rect, path");
            const shapeStyle = shape ? getComputedStyle(shape) : null;
            const drawn =
              shapeStyle && Number.parseFloat(shapeStyle.strokeWidth) > 0
                ? [rgba(shapeStyle.fill), rgba(shapeStyle.stroke)]
                : shapeStyle
                  ? [rgba(shapeStyle.fill)]
                  : [];
            const candidates = [fill, ...(hasOutline ? [rgba(style.outlineColor)] : []), ...drawn];
            const best = Math.max(...candidates.map((c) => contrast(over(c, behind), behind)));
            if (!weakest || best < weakest.contrast)
              weakest = {
                contrast: best,
                color: `${style.backgroundColor} / ${hasOutline ? style.outlineColor : "no outline"}`,
                background: `rgb(${behind.slice(0, 3).join(",")})`,
              };
          }
          if (weakest) results.push({ selector, ...weakest });
        }
        return results;
      }, selectors);
    },
    /**
     * axe's violations: serious and critical ones by default; `everyImpact` keeps them all, `tags` limits the
     * rules to those standards. Frames are left out (an embed is audited as its own page).
     */
    async axeViolations(
      options: { everyImpact?: boolean; tags?: string[] } = {},
    ): Promise<{ id: string; impact: string; nodes: string[] }[]> {
      // Evaluated through the DevTools protocol, not added as a <script>: the built page's Content Security Policy
      // (rightly) refuses inline scripts, and the audit must see the page as it ships.
      if (!(await frame.evaluate(() => "axe" in window)))
        await frame.evaluate(readFileSync("node_modules/axe-core/axe.min.js", "utf8"));
      return frame.evaluate(async ({ everyImpact, tags }) => {
        const axe = (
          window as unknown as {
            axe: {
              run(
                context: Document,
                options: object,
              ): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
            };
          }
        ).axe;
        const result = await axe.run(document, {
          resultTypes: ["violations"],
          iframes: false,
          ...(tags ? { runOnly: { type: "tag", values: tags } } : {}),
        });
        return result.violations
          .filter((v) => everyImpact || v.impact === "serious" || v.impact === "critical")
          .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
      }, options);
    },
    /**
     * Elements whose box reaches outside the viewport, or whose text is cut by its own box. Elements inside a
     * scrolling container (`scrolled`) are only checked sideways: rows below the fold are meant to be there.
     * A selector that matches no element is a problem too: a renamed class must not make the check pass.
     */
    async layoutProblems(selectors: string[], scrolled: string[] = []): Promise<string[]> {
      return frame.evaluate(
        ({ selectors, scrolled }) => {
          const problems: string[] = [];
          const width = document.documentElement.clientWidth;
          const height = document.documentElement.clientHeight;
          if (document.documentElement.scrollWidth > width)
            problems.push(`page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
          for (const selector of selectors) {
            const matched = document.querySelectorAll<HTMLElement>(selector);
            if (matched.length === 0) problems.push(`${selector} matches no element`);
            for (const el of matched) {
              const r = el.getBoundingClientRect();
              if (r.width === 0 && r.height === 0) continue;
              if (r.left < -0.5 || r.right > width + 0.5)
                problems.push(`${selector} outside the viewport horizontally`);
              const vertical = !scrolled.includes(selector);
              if (vertical && (r.top < -0.5 || r.bottom > height + 0.5)) {
                problems.push(`${selector} outside the viewport vertically`);
              }
              const clips = getComputedStyle(el).overflowX !== "visible";
              if (!clips && el.scrollWidth > el.clientWidth + 1) problems.push(`${selector} text is cut off`);
            }
          }
          return problems;
        },
        { selectors, scrolled },
      );
    },
    /**
     * Pairs of the given elements whose boxes overlap. A selector that matches no element is reported as well
     * (a renamed class must not make the check pass); one that matches a hidden element is not.
     */
    async overlaps(selectors: string[]): Promise<string[]> {
      return frame.evaluate((selectors) => {
        const found = selectors
          .filter((s) => document.querySelector(s) === null)
          .map((s) => `${s} matches no element`);
        const boxes = selectors
          .map((s) => ({ s, el: document.querySelector(s) }))
          .filter((b): b is { s: string; el: Element } => b.el !== null)
          .map((b) => ({ s: b.s, r: b.el.getBoundingClientRect() }))
          .filter((b) => b.r.width > 0 && b.r.height > 0);
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i]?.r;
            const b = boxes[j]?.r;
            if (!a || !b) continue;
            const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (x > 1 && y > 1) found.push(`${boxes[i]?.s} overlaps ${boxes[j]?.s}`);
          }
        }
        return found;
      }, selectors);
    },
  };
}
