/** The Content Security Policy as the browser applies it, and the bundled fonts it lets load. */

import type { Frame, Page } from "playwright-core";

/**
 * Records every Content Security Policy violation the page and its frames report (`securitypolicyviolation`
 * events) and every console message of a worker that names the policy. Call before the page loads; the returned
 * function lists what was found so far (frames that are gone take theirs with them: ask before closing one).
 */
export async function watchCspViolations(page: Page): Promise<() => Promise<string[]>> {
  const fromWorkers: string[] = [];
  page.on("worker", (worker) => {
    worker.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) fromWorkers.push(`worker: ${message.text()}`);
    });
  });
  await page.addInitScript(() => {
    const found: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = found;
    document.addEventListener("securitypolicyviolation", (e) => {
      found.push(
        `${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} in ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  return async () => {
    const found = [...fromWorkers];
    for (const frame of page.frames()) {
      const own = await frame
        .evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])
        .catch(() => []);
      found.push(...own.map((v) => `${frame.url()}: ${v}`));
    }
    return found;
  };
}

/** The policy of the page's <meta http-equiv="Content-Security-Policy">, or null. */
export async function metaPolicy(frame: Frame): Promise<string | null> {
  return frame.evaluate(
    () =>
      document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content") ?? null,
  );
}

/** Whether the page's "Atlas Sans" faces for Latin and for Arabic have loaded (the bundled fonts.css). */
export async function atlasFontsLoaded(frame: Frame): Promise<{ latin: boolean; arabic: boolean }> {
  return frame.evaluate(async () => {
    await document.fonts.ready;
    await Promise.all([
      document.fonts.load('16px "Atlas Sans"', "Map"),
      document.fonts.load('16px "Atlas Sans"', "خريطة"),
    ]);
    const loaded = [...document.fonts].filter(
      (f) => f.family.replace(/"/g, "") === "Atlas Sans" && f.status === "loaded",
    );
    return {
      latin: loaded.some((f) => f.unicodeRange.includes("U+0-24F")),
      arabic: loaded.some((f) => f.unicodeRange.includes("U+600-6FF")),
    };
  });
}

/** The policy and the fonts as questions about one page or frame (see get.ts). */
export function policyQuestions(frame: Frame) {
  return {
    metaPolicy: () => metaPolicy(frame),
    fontsLoaded: () => atlasFontsLoaded(frame),
  };
}
