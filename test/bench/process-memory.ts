import { readdirSync, readFileSync } from "node:fs";

/**
 * Peak memory of Chromium's processes as the kernel counts it (VmHWM, the peak resident set), read from /proc:
 * what a reader's machine pays for a tab, renderer and GPU process together, JavaScript heap, WebGL buffers and
 * all. Linux only; elsewhere it returns nothing.
 */

export interface ChromiumProcess {
  pid: number;
  type: "renderer" | "gpu-process";
}

/** Chromium renderer and GPU processes running now. */
export function chromiumProcesses(): ChromiumProcess[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  const found: ChromiumProcess[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
    } catch {
      continue; // it ended meanwhile
    }
    if (!cmdline.includes("chromium")) continue;
    if (cmdline.includes("--type=renderer")) found.push({ pid: Number(entry), type: "renderer" });
    else if (cmdline.includes("--type=gpu-process")) found.push({ pid: Number(entry), type: "gpu-process" });
  }
  return found;
}

/** Peak resident memory of a process in MB, or 0 when it is gone. */
export function peakResidentMB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kB = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
    return kB / 1024;
  } catch {
    return 0;
  }
}

/**
 * Peak memory of the tab: the largest peak among renderers not in `before` (the measured page's; others were
 * closed) plus the GPU process's peak. Call while the measured page is still open.
 */
export function tabPeakMB(before: ReadonlySet<number>): number {
  let renderer = 0;
  let gpu = 0;
  for (const process of chromiumProcesses()) {
    const peak = peakResidentMB(process.pid);
    if (process.type === "gpu-process") gpu = Math.max(gpu, peak);
    else if (!before.has(process.pid)) renderer = Math.max(renderer, peak);
  }
  return renderer + gpu;
}
