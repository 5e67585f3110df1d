import { readdirSync, readFileSync } from "node:fs";

/**
 * Memory of Chromium's processes as the kernel counts it (VmRSS now, VmHWM the peak resident set), read from
 * /proc: what a reader's machine pays for a tab, renderer and GPU process together, JavaScript heap, WebGL
 * buffers and all. Only the processes of the browser launched with `browserMarker()` count: other Chromiums
 * may run on the same machine. Linux only; elsewhere it returns nothing.
 */

export interface ChromiumProcess {
  pid: number;
  type: "renderer" | "gpu-process";
}

let launched = 0;

/** A switch to launch Chromium with (Chromium ignores it), so its processes can be found among others. */
export function browserMarker(): string {
  return `--atlas-bench-browser=${process.pid}-${++launched}`;
}

function readProc(pid: string, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return null; // it ended meanwhile
  }
}

/** Renderer and GPU processes of the browser launched with `marker` (descendants of its browser process). */
export function chromiumProcesses(marker: string): ChromiumProcess[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  const parentOf = new Map<number, number>();
  const cmdlines = new Map<number, string>();
  let root = -1;
  for (const entry of entries) {
    const stat = readProc(entry, "stat");
    const cmdline = readProc(entry, "cmdline");
    if (stat === null || cmdline === null || !cmdline.includes("chromium")) continue;
    // The fields after the command name in parentheses: state, then the parent's pid.
    parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    cmdlines.set(Number(entry), cmdline);
    if (cmdline.includes(marker)) root = Number(entry);
  }
  const found: ChromiumProcess[] = [];
  for (const [pid, cmdline] of cmdlines) {
    let at: number | undefined = pid;
    while (at !== undefined && at !== root) at = parentOf.get(at);
    if (at !== root) continue;
    if (cmdline.includes("--type=renderer")) found.push({ pid, type: "renderer" });
    else if (cmdline.includes("--type=gpu-process")) found.push({ pid, type: "gpu-process" });
  }
  return found;
}

/** Resident memory of a process in MB ("VmRSS" now, "VmHWM" its peak), or 0 when it is gone. */
export function residentMB(pid: number, field: "VmRSS" | "VmHWM" = "VmHWM"): number {
  const status = readProc(String(pid), "status");
  const kB = Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status ?? "")?.[1] ?? 0);
  return kB / 1024;
}

/**
 * Peak memory of the tab: the largest peak among the browser's renderers not in `before` (the measured page's;
 * others were closed) plus its GPU process's peak. Call while the measured page is still open.
 */
export function tabPeakMB(marker: string, before: ReadonlySet<number> = new Set()): number {
  let renderer = 0;
  let gpu = 0;
  for (const process of chromiumProcesses(marker)) {
    const peak = residentMB(process.pid);
    if (process.type === "gpu-process") gpu = Math.max(gpu, peak);
    else if (!before.has(process.pid)) renderer = Math.max(renderer, peak);
  }
  return renderer + gpu;
}
