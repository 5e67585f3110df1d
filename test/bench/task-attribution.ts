/**
 * Who spent the main thread's time: a V8 CPU profile (CDP `Profiler`) of the page, cut into busy stretches
 * (runs of samples between idle ones: one task, or several back to back with no idle time between, which can
 * only overstate a task) or into the main thread's tasks as a trace (CDP `Tracing`) records them, each
 * attributed to the script that ran. A native function (a WebGL call, a DOM
 * method) counts for the script that called it. `(program)` (the browser's own work: style, layout, paint,
 * compositing) and `(garbage collector)` are kept apart.
 */

/** The subset of a CDP `Profiler.Profile` this reads. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
  samples: number[];
  /** Microseconds between consecutive samples. */
  timeDeltas: number[];
  /** When the profile started, µs, on the clock trace events use. */
  startTime?: number;
}

/** A task of the renderer's main thread from a trace: start and duration, µs. */
export interface TraceTask {
  ts: number;
  dur: number;
  /** Thread time (`tdur`), µs, when the trace has it. */
  cpu?: number;
}

export type Origin = "app" | "maplibre" | "browser" | "gc" | "other";

export interface BusyStretch {
  ms: number;
  /**
   * A trace task's thread (CPU) time, ms. Samples are wall time: a thread descheduled (two cores shared with
   * software WebGL) or waiting in a native call stretches the sample it is in, so a task's app share is at most this.
   */
  cpuMs?: number;
  byOrigin: Record<Origin, number>;
  /** The app's time in this stretch by its innermost function (name, or `(anonymous)`), ms. */
  appByFunction: Map<string, number>;
}

const NO_TIME: Record<Origin, number> = { app: 0, maplibre: 0, browser: 0, gc: 0, other: 0 };

/** The origin of a script by its URL in the built app: MapLibre's own chunk, or anything else we serve. */
export function originOfUrl(url: string): Origin {
  const file = url.slice(url.lastIndexOf("/") + 1);
  if (/^maplibre/.test(file)) return "maplibre";
  if (/\.js$/.test(file)) return "app";
  return "other";
}

interface AttributedSample {
  /** When it was taken, µs. */
  at: number;
  us: number;
  origin: Origin | "idle";
  /** The app function it counts for (app samples only). */
  appFunction: string;
}

/** Each sample of `profile` with its time, its duration and whose code it was. */
function attributedSamples(profile: CpuProfile): AttributedSample[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const originCache = new Map<number, Origin | "idle">();
  const appFunctionCache = new Map<number, string>();
  // The innermost frame of the app's own scripts: a native call is named after the app function that made it.
  const appFunctionOf = (id: number): string => {
    const cached = appFunctionCache.get(id);
    if (cached !== undefined) return cached;
    let name = "(anonymous)";
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame?.url) {
        name = frame.functionName || "(anonymous)";
        break;
      }
    }
    appFunctionCache.set(id, name);
    return name;
  };
  const originOf = (id: number): Origin | "idle" => {
    const cached = originCache.get(id);
    if (cached) return cached;
    let origin: Origin | "idle" = "other";
    const name = byId.get(id)?.callFrame.functionName;
    if (name === "(idle)") origin = "idle";
    else if (name === "(program)") origin = "browser";
    else if (name === "(garbage collector)") origin = "gc";
    else {
      // The nearest frame with a script URL: a native call belongs to whoever called it.
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const url = byId.get(at)?.callFrame.url ?? "";
        if (url) {
          origin = originOfUrl(url);
          break;
        }
      }
    }
    originCache.set(id, origin);
    return origin;
  };

  let at = profile.startTime ?? 0;
  return profile.samples.map((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    // timeDeltas[i] is the time before sample i, so a sample lasts until the next one (the last: as long as its own).
    const us = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    const origin = originOf(id);
    return { at, us, origin, appFunction: origin === "app" ? appFunctionOf(id) : "" };
  });
}

function emptyShare(ms: number): BusyStretch {
  return { ms, byOrigin: { ...NO_TIME }, appByFunction: new Map() };
}

function addSample(share: BusyStretch, sample: AttributedSample): void {
  if (sample.origin === "idle") return;
  share.byOrigin[sample.origin] += sample.us / 1000;
  if (sample.origin === "app")
    share.appByFunction.set(
      sample.appFunction,
      (share.appByFunction.get(sample.appFunction) ?? 0) + sample.us / 1000,
    );
}

/** Busy stretches of `profile`, in time order. */
export function busyStretches(profile: CpuProfile): BusyStretch[] {
  const stretches: BusyStretch[] = [];
  let current: BusyStretch | null = null;
  for (const sample of attributedSamples(profile)) {
    if (sample.origin === "idle") {
      if (current) stretches.push(current);
      current = null;
      continue;
    }
    current ??= emptyShare(0);
    current.ms += sample.us / 1000;
    addSample(current, sample);
  }
  if (current) stretches.push(current);
  return stretches;
}

/**
 * The main thread's tasks (from a trace) that the profile's samples fall in, each with whose code ran in it; its
 * `ms` is the task's whole duration (the browser's own work in it included). Tasks without a sample are left out.
 */
export function taskShares(profile: CpuProfile, tasks: readonly TraceTask[]): BusyStretch[] {
  const sorted = [...tasks].sort((a, b) => a.ts - b.ts);
  const shares = new Map<TraceTask, BusyStretch>();
  let t = 0;
  for (const sample of attributedSamples(profile)) {
    while (t < sorted.length && (sorted[t] as TraceTask).ts + (sorted[t] as TraceTask).dur < sample.at) t++;
    const task = sorted[t];
    if (!task || task.ts > sample.at) continue;
    let share = shares.get(task);
    if (!share) {
      share = emptyShare(task.dur / 1000);
      if (task.cpu !== undefined) share.cpuMs = task.cpu / 1000;
      shares.set(task, share);
    }
    addSample(share, sample);
  }
  return [...shares.values()];
}

/** A Chrome trace event, as much of it as the task cutting reads. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * The top-level tasks of every renderer main thread in `events` (a trace with the `toplevel` category); a task run
 * inside another (a nested run loop) counts as part of it.
 */
export function rendererTasks(events: readonly TraceEvent[]): TraceTask[] {
  const mainThreads = new Set(
    events
      .filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain")
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, TraceTask[]>();
  for (const e of events) {
    if (e.ph !== "X" || e.dur === undefined) continue;
    if (e.name !== "ThreadControllerImpl::RunTask" && e.name !== "RunTask") continue;
    const thread = `${e.pid}:${e.tid}`;
    if (!mainThreads.has(thread)) continue;
    const list = byThread.get(thread) ?? [];
    list.push(e.tdur === undefined ? { ts: e.ts, dur: e.dur } : { ts: e.ts, dur: e.dur, cpu: e.tdur });
    byThread.set(thread, list);
  }
  const tasks: TraceTask[] = [];
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    let end = Number.NEGATIVE_INFINITY;
    for (const task of list) {
      if (task.ts < end) continue;
      tasks.push(task);
      end = task.ts + task.dur;
    }
  }
  return tasks;
}

/** What a bench prints about one kind of change: its longest stretch and the stretches over the budget. */
export interface Attribution {
  longest: BusyStretch | null;
  /** Stretches longer than `budgetMs`. */
  over: number;
  /** Of those, the ones where the app's own scripts ran longer than `budgetMs` by themselves. */
  appOver: number;
  /** The most time the app's own scripts took in any one stretch (for a task: at most its CPU time). */
  appLongestMs: number;
  /** The CPU time of the task in which the app's scripts took longest (tasks from a trace only). */
  appLongestCpuMs: number | null;
  /** In that stretch, the app functions that took the most time, longest first, as `name ms`. */
  appHotspots: string[];
}

export function attribute(stretches: readonly BusyStretch[], budgetMs = 50): Attribution {
  let longest: BusyStretch | null = null;
  let over = 0;
  let appOver = 0;
  let appLongest: BusyStretch | null = null;
  for (const stretch of stretches) {
    if (!longest || stretch.ms > longest.ms) longest = stretch;
    if (stretch.ms > budgetMs) over++;
    if (appShare(stretch) > budgetMs) appOver++;
    if (!appLongest || appShare(stretch) > appShare(appLongest)) appLongest = stretch;
  }
  const appHotspots = [...(appLongest?.appByFunction ?? [])]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, ms]) => `${name} ${ms.toFixed(0)}`);
  return {
    longest,
    over,
    appOver,
    appLongestMs: appLongest ? appShare(appLongest) : 0,
    appLongestCpuMs: appLongest?.cpuMs ?? null,
    appHotspots,
  };
}

/** The app's time in a stretch or task: its samples, but never more than the task's CPU time. */
function appShare(stretch: BusyStretch): number {
  return Math.min(stretch.byOrigin.app, stretch.cpuMs ?? Number.POSITIVE_INFINITY);
}
