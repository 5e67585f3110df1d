import { createReadStream } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Plugin, ViteDevServer } from "vite";
import { localIsoDay } from "../../core/dates.ts";
import { type BuildResult, formatRowError } from "../index.ts";
import { buildFromDir, publishingAcled } from "./load.ts";
import { tableDirOf, writeGeojsonAndTable } from "./write-table.ts";

const PLUGIN_NAME = "incident-data";
const DATA_URL_SUFFIX = "/data/incidents.geojson";
/** The incident table's folder in the URL, followed by one of its file names. */
const TABLE_URL_PART = "/data/table/";
const TABLE_FILE_IN_URL = /\/data\/table\/([a-z0-9-]+\.(json|bin|txt))$/;
const CONTENT_TYPES: Record<string, string> = {
  json: "application/json; charset=utf-8",
  bin: "application/octet-stream",
  txt: "text/plain; charset=utf-8",
};

/**
 * Builds public/data/incidents.geojson and the app's incident table beside it (public/data/table/) from data/*.csv:
 * at dev-server start and on every CSV change (then the page reloads), and at the start of `vite build` (errors fail
 * the build; dist/ gets the files through public/). In dev, a sheet with errors is never served as stale data: the
 * GeoJSON and every table file answer 500 with the error list, and Vite's overlay shows it.
 */
export function incidentDataPlugin(options: { dataDir?: string; outFile?: string } = {}): Plugin {
  let root = process.cwd();
  let dataDir = "";
  let outFile = "";
  let tableDir = "";
  let failure: string | null = null;

  // Only `vite build` publishes: the dev server shows ACLED rows to the maintainer on their own machine.
  // Resolves once the files of the build replaced are deleted (see TableWritten.discarded).
  const rebuild = (publish = false): { result: BuildResult; discarded: Promise<void> } => {
    const result = buildFromDir(dataDir, {
      today: localIsoDay(new Date()),
      acledSources: publish ? publishingAcled() : "allow",
    });
    let discarded = Promise.resolve();
    if (result.output) {
      discarded = writeGeojsonAndTable(outFile, result.output, { dir: tableDir }).discarded;
      failure = null;
    } else {
      failure = [...result.errors, ...result.warnings].map(formatRowError).join("\n");
    }
    for (const w of result.warnings) console.warn(formatRowError(w));
    return { result, discarded };
  };

  const showFailure = (server: ViteDevServer) => {
    if (failure === null) return;
    server.config.logger.error(`[${PLUGIN_NAME}] the incident sheets have errors:\n${failure}`);
    server.ws.send({
      type: "error",
      err: { message: `The incident sheets have errors:\n${failure}`, stack: "", plugin: PLUGIN_NAME },
    });
  };

  return {
    name: PLUGIN_NAME,
    configResolved(config) {
      root = config.root;
      dataDir = resolve(root, options.dataDir ?? "data");
      outFile = resolve(root, options.outFile ?? "public/data/incidents.geojson");
      tableDir = tableDirOf(outFile);
    },
    async buildStart() {
      // Vitest loads this config too; the tests build their own data, so the plugin stays out of their way.
      if (process.env.VITEST) return;
      if (this.meta.watchMode) return;
      const { result, discarded } = rebuild(true);
      if (!result.output) this.error(`the incident sheets have errors:\n${failure}`);
      // public/ is copied into dist/ later: the previous build's files must be gone by then.
      await discarded;
    },
    configureServer(server) {
      if (process.env.VITEST) return;
      rebuild();
      if (failure !== null)
        server.config.logger.error(`[${PLUGIN_NAME}] the incident sheets have errors:\n${failure}`);
      // The folder, not a glob: Vite's watcher takes no globs, and a data folder outside the root (a test's) would
      // otherwise go unwatched.
      server.watcher.add(dataDir);
      const onChange = (file: string) => {
        if (dirname(resolve(file)) !== dataDir || !file.endsWith(".csv")) return;
        rebuild();
        if (failure === null) server.ws.send({ type: "full-reload", path: "*" });
        else showFailure(server);
      };
      server.watcher.on("change", onChange);
      server.watcher.on("add", onChange);
      server.watcher.on("unlink", onChange);
      server.ws.on("connection", () => showFailure(server));
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? "").split("?")[0] ?? "";
        const isTable = path.includes(TABLE_URL_PART);
        if (!isTable && !path.endsWith(DATA_URL_SUFFIX)) return next();
        if (failure !== null) {
          res.statusCode = 500;
          res.setHeader("Content-Type", "text/plain; charset=utf-8");
          res.end(`The incident sheets have errors:\n${failure}\n`);
          return;
        }
        const notFound = () => {
          if (res.headersSent) return res.destroy();
          res.statusCode = 404;
          res.setHeader("Content-Type", "text/plain; charset=utf-8");
          res.end("Not found\n");
        };
        // Only the table's own names: nothing else of the disk is reachable through this route.
        const tableFile = isTable ? TABLE_FILE_IN_URL.exec(path) : null;
        if (isTable && !tableFile) return notFound();
        // Served from the files just written: Vite's public-dir list may not know a file created at startup yet.
        const contentType = tableFile
          ? (CONTENT_TYPES[tableFile[2] as string] as string)
          : "application/geo+json; charset=utf-8";
        res.setHeader("Content-Type", contentType);
        res.setHeader("Cache-Control", "no-store");
        const stream = createReadStream(tableFile ? join(tableDir, tableFile[1] as string) : outFile);
        // A missing file (say, a table removed after a failed write) is a plain 404: the app says the table is missing.
        stream.on("error", notFound);
        stream.pipe(res);
      });
    },
  };
}
