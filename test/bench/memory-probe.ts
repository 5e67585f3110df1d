import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { type CDPSession, chromium } from "playwright-core";
import { TABLE_FILES } from "../../src/core/incident-table.ts";
import { encodeViewHref } from "../../src/core/url-codec.ts";
import { DEFAULT_VIEW, NO_FILTERS } from "../../src/core/view-state.ts";
import { CHROMIUM_FLAGS } from "../e2e/driver/index.ts";
import { CHROMIUM_PATH } from "../e2e/global-setup.ts";
import { PAGE_HARNESS } from "./page-harness.ts";
import { browserMarker, chromiumProcesses, residentMB } from "./process-memory.ts";

/**
 * Where a tab's memory goes with a big table: the built app on a table folder written by data:build, and after
 * each stage a reader goes through (load, filter changes, text searches, opening incidents, pans) the renderer's
 * and GPU process's resident and peak memory (/proc), and the JavaScript heap of the page and of each worker
 * (CDP Runtime.getHeapUsage). Prints figures; asserts nothing.
 *   npx tsx test/bench/data-bench.ts --generate /tmp/s 1000000
 *   npx tsx src/pipeline/node/cli.ts build /tmp/s /tmp/s/out/incidents.geojson
 *   npx tsx test/bench/memory-probe.ts /tmp/s/out/table
 */

const tableDir = process.argv[2];
if (!tableDir) throw new Error("usage: memory-probe.ts <table folder written by data:build>");
const outDir = "/tmp/atlas-memory-probe-dist";
execFileSync("npx", ["vite", "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "error"], {
  stdio: ["ignore", "ignore", "inherit"],
});

const MIME: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };
const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
  const tableAt = path.indexOf("/data/table/");
  const file =
    tableAt >= 0
      ? join(tableDir, normalize(path.slice(tableAt + "/data/table/".length)))
      : join(outDir, normalize(path));
  try {
    const resolved = statSync(file).isDirectory() ? join(file, "index.html") : file;
    response.writeHead(200, {
      "content-type": MIME[extname(resolved)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    response.end(readFileSync(resolved));
  } catch {
    response.writeHead(404);
    response.end();
  }
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const address = server.address();
const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
const header = JSON.parse(readFileSync(join(tableDir, TABLE_FILES.header), "utf8")) as {
  count: number;
  meta: { actors: { id: string }[]; sources: { id: string }[] };
};

const marker = browserMarker();
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [...CHROMIUM_FLAGS, marker],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.addInitScript({ content: PAGE_HARNESS });
const cdp = await page.context().newCDPSession(page);

// Workers are attached to the page's session; their heaps are asked through it (non-flat protocol messages).
const workers = new Map<string, string>();
let nextMessage = 1;
const waiting = new Map<number, (value: { usedSize: number; totalSize: number }) => void>();
cdp.on(
  "Target.attachedToTarget",
  (event: { sessionId: string; targetInfo: { url: string; type: string } }) => {
    workers.set(event.sessionId, `${event.targetInfo.type} ${event.targetInfo.url.split("/").pop()}`);
  },
);
cdp.on("Target.receivedMessageFromTarget", (event: { message: string }) => {
  const message = JSON.parse(event.message) as {
    id: number;
    result?: { usedSize: number; totalSize: number };
  };
  waiting.get(message.id)?.(message.result ?? { usedSize: 0, totalSize: 0 });
});
await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });

async function heapOf(session: CDPSession, sessionId: string): Promise<number> {
  const id = nextMessage++;
  const answer = new Promise<{ usedSize: number }>((resolve) => waiting.set(id, resolve));
  await session.send("Target.sendMessageToTarget", {
    sessionId,
    message: JSON.stringify({ id, method: "Runtime.getHeapUsage" }),
  });
  const timeout = new Promise<{ usedSize: number }>((resolve) =>
    setTimeout(() => resolve({ usedSize: -1 }), 5000),
  );
  return (await Promise.race([answer, timeout])).usedSize / 2 ** 20;
}

async function report(stage: string): Promise<void> {
  const processes = chromiumProcesses(marker);
  const renderer = processes.filter((p) => p.type === "renderer");
  const gpu = processes.filter((p) => p.type === "gpu-process");
  const main = ((await cdp.send("Runtime.getHeapUsage")) as { usedSize: number }).usedSize / 2 ** 20;
  const heaps: string[] = [];
  for (const [sessionId, name] of workers) heaps.push(`${name} ${(await heapOf(cdp, sessionId)).toFixed(0)}`);
  const mb = (v: number) => v.toFixed(0);
  console.log(
    `${stage.padEnd(22)} renderer RSS ${renderer.map((p) => mb(residentMB(p.pid, "VmRSS"))).join("/")} peak ${renderer
      .map((p) => mb(residentMB(p.pid, "VmHWM")))
      .join("/")} · GPU RSS ${gpu.map((p) => mb(residentMB(p.pid, "VmRSS"))).join("/")} peak ${gpu
      .map((p) => mb(residentMB(p.pid, "VmHWM")))
      .join("/")} · heap MiB: page ${mb(main)}, ${heaps.join(", ")}`,
  );
}

const bench = "window.__bench";
await page.goto(url);
await page.evaluate(`${bench}.settled(${header.count})`);
await report("loaded");
const change = async (filters: typeof NO_FILTERS) => {
  const href = JSON.stringify(encodeViewHref({ ...DEFAULT_VIEW, filters }));
  // The expected count is not known here: wait for any count, then for the map.
  await page.evaluate(`(async () => {
    history.pushState(null, "", location.pathname + ${href});
    dispatchEvent(new PopStateEvent("popstate"));
    await new Promise((r) => setTimeout(r, 1500));
  })()`);
};
for (const actor of header.meta.actors.slice(0, 3)) await change({ ...NO_FILTERS, actors: [actor.id] });
for (const source of header.meta.sources.slice(0, 2)) await change({ ...NO_FILTERS, sources: [source.id] });
await change(NO_FILTERS);
await report("after filters");
for (const q of ["raqqa", "checkpoint", "قسد"]) {
  await change({ ...NO_FILTERS, q });
  await new Promise((r) => setTimeout(r, 3000));
}
await report("after text searches");
await change(NO_FILTERS);
for (let k = 0; k < 10; k++) await page.evaluate(`${bench}.openFromList(${k * 3})`);
await report("after opening 10");
for (const zoom of [6, 8, 10, 11, 7]) {
  await page.evaluate(`${bench}.jump(${JSON.stringify({ center: [39, 35.5], zoom })})`);
}
await report("after pans");
await browser.close();
server.close();
