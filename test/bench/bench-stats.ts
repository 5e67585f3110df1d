/** Timing helpers shared by the benchmarks. They print figures; they never assert about time. */

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Runs `run(i)` `runs` times after `warmup` untimed calls; returns the milliseconds of each timed run. */
export function timeRuns(runs: number, run: (i: number) => unknown, warmup = 3): number[] {
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += consume(run(i));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const result = run(i + warmup);
    times.push(performance.now() - t0);
    sink += consume(result);
  }
  // Keeps the results observable so the engine cannot skip the work.
  if (sink === -1) console.log(sink);
  return times;
}

function consume(result: unknown): number {
  if (result && typeof result === "object" && "length" in result)
    return Number((result as { length: number }).length);
  return 0;
}

/** Formats rows as an aligned plain-text table. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? "").length)));
  const line = (row: string[]) => row.map((cell, c) => cell.padStart(widths[c] as number)).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export function fixed(ms: number, digits = 3): string {
  return ms.toFixed(digits);
}
