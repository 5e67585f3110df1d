import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * A full garbage collection, now. Called between the build and the incident table (cli.ts): the build's columns
 * and fragments (≈ 700 MB at 1M incidents) are garbage by then, but V8 frees ArrayBuffer memory only when it next
 * runs a major collection, which would come after the table had grown, so the table step would raise the process's
 * peak above the build's. Node exposes `gc` only behind a flag; setting that flag at run time and taking
 * the function from a fresh context is the usual way to get it without restarting the process.
 */
export function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}
