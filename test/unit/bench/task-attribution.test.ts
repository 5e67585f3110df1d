import { describe, expect, it } from "vitest";
import {
  attribute,
  busyStretches,
  type CpuProfile,
  originOfUrl,
  rendererTasks,
  type TraceEvent,
  taskShares,
} from "../../bench/task-attribution.ts";

/** A profile of root → (idle) | (program) | app.js:render → gl.drawElements (native) | maplibre.js:paint. */
function profileOf(samples: string[], usEach = 1000): CpuProfile {
  const frame = (functionName: string, url = "") => ({ functionName, url });
  const nodes = [
    { id: 1, callFrame: frame("(root)"), children: [2, 3, 4, 6, 7] },
    { id: 2, callFrame: frame("(idle)") },
    { id: 3, callFrame: frame("(program)") },
    { id: 4, callFrame: frame("render", "http://127.0.0.1/assets/index-abc.js"), children: [5] },
    { id: 5, callFrame: frame("drawElements") },
    { id: 6, callFrame: frame("paint", "http://127.0.0.1/assets/maplibre-xyz.js") },
    { id: 7, callFrame: frame("(garbage collector)") },
  ];
  const ids: Record<string, number> = { idle: 2, program: 3, app: 4, native: 5, maplibre: 6, gc: 7 };
  return {
    nodes,
    samples: samples.map((s) => ids[s] as number),
    timeDeltas: samples.map(() => usEach),
  };
}

describe("busy stretches of a CPU profile", () => {
  it("cuts at idle samples and attributes each sample to its script", () => {
    const stretches = busyStretches(
      profileOf(["idle", "app", "native", "maplibre", "idle", "program", "gc", "idle", "maplibre"]),
    );
    expect(stretches.map((s) => s.ms)).toEqual([3, 2, 1]);
    expect(stretches[0]?.byOrigin).toEqual({ app: 2, maplibre: 1, browser: 0, gc: 0, other: 0 });
    expect(stretches[1]?.byOrigin).toEqual({ app: 0, maplibre: 0, browser: 1, gc: 1, other: 0 });
  });

  it("counts a stretch as the app's only when the app's own scripts alone exceed the budget", () => {
    const samples = [
      "idle",
      ...Array(40).fill("app"),
      ...Array(40).fill("maplibre"),
      "idle",
      ...Array(60).fill("native"),
      "idle",
    ];
    const result = attribute(busyStretches(profileOf(samples)), 50);
    expect(result.longest?.ms).toBe(80);
    expect(result.over).toBe(2);
    expect(result.appOver).toBe(1);
    expect(result.appLongestMs).toBe(60);
  });

  it("names the app functions that ran longest in the app's longest stretch, a native call under its caller", () => {
    const result = attribute(
      busyStretches(profileOf(["idle", "app", "native", "native", "maplibre", "idle", "app"])),
    );
    expect(result.appLongestMs).toBe(3);
    expect(result.appHotspots).toEqual(["render 3"]);
  });

  it("tells MapLibre's chunk from the app's", () => {
    expect(originOfUrl("http://h/assets/maplibre-BYmByyCb.js")).toBe("maplibre");
    expect(originOfUrl("http://h/assets/index-CFS-9eCx.js")).toBe("app");
    expect(originOfUrl("")).toBe("other");
  });
});

describe("tasks from a trace", () => {
  const thread = (pid: number, tid: number, name: string): TraceEvent => ({
    name: "thread_name",
    ph: "M",
    pid,
    tid,
    ts: 0,
    args: { name },
  });
  const task = (pid: number, tid: number, ts: number, dur: number): TraceEvent => ({
    name: "ThreadControllerImpl::RunTask",
    ph: "X",
    pid,
    tid,
    ts,
    dur,
  });

  it("keeps the renderer main thread's top-level tasks, not other threads' nor nested ones", () => {
    const events = [
      thread(1, 10, "CrRendererMain"),
      thread(1, 11, "Compositor"),
      thread(2, 20, "CrBrowserMain"),
      task(1, 10, 1000, 500),
      task(1, 10, 1100, 100), // nested in the one before
      task(1, 11, 1000, 900),
      task(2, 20, 1000, 900),
      task(1, 10, 2000, 50),
    ];
    expect(rendererTasks(events)).toEqual([
      { ts: 1000, dur: 500 },
      { ts: 2000, dur: 50 },
    ]);
  });

  it("gives each task the app's samples that fall in it, so two tasks back to back are not one", () => {
    // 1 ms samples from t = 1 ms: app ×30, app ×30 (a second task with no idle sample between), idle.
    const profile = { ...profileOf([...Array(60).fill("app"), "idle"]), startTime: 0 };
    const shares = taskShares(profile, [
      { ts: 500, dur: 30_000 },
      { ts: 30_500, dur: 30_000 },
    ]);
    expect(shares.map((share) => share.byOrigin.app)).toEqual([30, 30]);
    expect(shares.map((share) => share.ms)).toEqual([30, 30]);
    expect(busyStretches(profile).map((stretch) => stretch.byOrigin.app)).toEqual([60]);
  });

  it("counts no more app time in a task than the task's CPU time, as a descheduled thread stretches samples", () => {
    const profile = { ...profileOf([...Array(80).fill("app"), "idle"]), startTime: 0 };
    const result = attribute(taskShares(profile, [{ ts: 500, dur: 80_000, cpu: 20_000 }]), 50);
    expect(result.appOver).toBe(0);
    expect(result.appLongestMs).toBe(20);
    expect(result.appLongestCpuMs).toBe(20);
  });
});
