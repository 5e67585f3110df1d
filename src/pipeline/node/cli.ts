/**
 * The maintainers' command line:
 *   tsx src/pipeline/node/cli.ts check data [--format human|json|github]
 *   tsx src/pipeline/node/cli.ts build data public/data/incidents.geojson
 * Prints every error and warning, then a summary line. Exit 1 on errors (and nothing is written), 2 on misuse.
 * `build` writes the GeoJSON (the published dataset) and, next to it, the app's incident table (table/), then
 * prints what changed against the build it replaced (incidents added, removed, changed, by id).
 * `--format json` prints the problems as a JSON array on stdout (the summary goes to stderr); `--format github`
 * prints them as GitHub Actions annotations on stdout, then the summary.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import { join, relative, sep } from "node:path";
import Papa from "papaparse";
import { localIsoDay } from "../../core/dates.ts";
import { summaryLine } from "../check-sheets.ts";
import { type BuildResult, formatRowError, type RowError } from "../index.ts";
import { columnNumber, formatGithubAnnotations, formatProblemsJson } from "../sheet/report-formats.ts";
import {
  addShardFingerprints,
  CHANGES_MAX_INCIDENTS,
  diffFingerprints,
  formatDataChanges,
} from "../stages/data-changes.ts";
import { buildFromDir, publishingAcled } from "./load.ts";
import { type TableWritten, tableDirOf, writeGeojsonAndTable } from "./write-table.ts";

/** The lines a maintainer reads for a build result: errors, warnings, then the summary. */
export function reportLines(result: BuildResult): string[] {
  const lines = [...result.errors.map(formatRowError), ...result.warnings.map(formatRowError)];
  lines.push(summaryLine(result));
  return lines;
}

const FORMATS = ["human", "json", "github"] as const;
type Format = (typeof FORMATS)[number];

/** The header cells of a sheet file (its first record), or none when the file is missing. */
function readHeader(path: string): string[] {
  if (!existsSync(path)) return [];
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(64 << 10);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const parsed = Papa.parse<string[]>(buffer.subarray(0, n).toString("utf8"), { preview: 1 });
    return parsed.data[0] ?? [];
  } finally {
    closeSync(fd);
  }
}

/** The problems in the machine-readable `format`, as the text to print on stdout. */
function machineReport(result: BuildResult, dir: string, format: "json" | "github"): string {
  if (format === "json") return `${formatProblemsJson(result.errors, result.warnings)}\n`;
  const headers = new Map<string, string[]>();
  const placeOf = (e: RowError) => {
    const path = join(dir, e.file);
    if (!headers.has(e.file)) headers.set(e.file, readHeader(path));
    // Annotations name files from the repository's root, where CI runs the check.
    const repoPath = relative(process.cwd(), path).split(sep).join("/");
    return { path: repoPath, col: columnNumber(headers.get(e.file) ?? [], e.column) };
  };
  const lines = formatGithubAnnotations(result.errors, result.warnings, placeOf);
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

const SHARD_FILE = /^shard-\d+\.json$/;

/** Incidents in the previous build's table (its header says), or null when there is none. */
function previousCount(dir: string): number | null {
  try {
    const header = JSON.parse(readFileSync(join(dir, "table.json"), "utf8")) as { count?: unknown };
    return typeof header.count === "number" ? header.count : null;
  } catch {
    return null;
  }
}

/** id → fingerprint of each incident in the table folder's detail shards; null when there is no readable table. */
function readFingerprints(dir: string): Map<string, string> | null {
  if (!existsSync(dir)) return null;
  const shards = readdirSync(dir).filter((name) => SHARD_FILE.test(name));
  if (shards.length === 0) return null;
  const prints = new Map<string, string>();
  try {
    for (const name of shards) addShardFingerprints(readFileSync(join(dir, name), "utf8"), prints);
  } catch {
    return null;
  }
  return prints;
}

/** Writes the GeoJSON and table; returns them and the changelog lines against the build they replace. */
function writeWithChanges(out: string, output: NonNullable<BuildResult["output"]>, incidents: number) {
  const count = previousCount(tableDirOf(out));
  const tooBig = count !== null && Math.max(count, incidents) > CHANGES_MAX_INCIDENTS;
  if (tooBig) {
    const table = writeGeojsonAndTable(out, output);
    const limit = CHANGES_MAX_INCIDENTS.toLocaleString("en");
    return {
      table,
      changes: [
        `Not compared with the previous build (more than ${limit} incidents): the "Check a sheet" page compares a sheet with the published map.`,
      ],
    };
  }
  const previous = readFingerprints(tableDirOf(out));
  const next = new Map<string, string>();
  const decoder = new TextDecoder();
  const table = writeGeojsonAndTable(out, output, {
    onFile: (name, data) => {
      if (previous && SHARD_FILE.test(name)) addShardFingerprints(decoder.decode(data), next);
    },
  });
  const changes = previous
    ? formatDataChanges(diffFingerprints(previous, next))
    : ["No previous build to compare with."];
  return { table, changes };
}

/**
 * Checks the sheets and, for `build` without errors, writes the GeoJSON and the incident table beside it (in one
 * pass over the built store); returns the summary line, whether it passed, and the table written.
 */
function checkAndWrite(
  dir: string,
  out: string | null,
  format: Format,
): { summary: string; ok: boolean; table: TableWritten | null; changes: string[] } {
  const result = buildFromDir(dir, {
    today: localIsoDay(new Date()),
    acledSources: out ? publishingAcled() : "allow",
    // A check writes nothing, so it makes no output: valid rows cost it only their ids.
    makeOutput: out !== null,
  });
  const lines = reportLines(result);
  const summary = lines.pop() as string;
  if (format !== "human") process.stdout.write(machineReport(result, dir, format));
  else if (lines.length > 0) process.stderr.write(`${lines.join("\n")}\n`);
  if (result.errors.length > 0) return { summary, ok: false, table: null, changes: [] };
  if (!out || !result.output) return { summary, ok: true, table: null, changes: [] };
  return { summary, ok: true, ...writeWithChanges(out, result.output, result.counts.incidents) };
}

/** The arguments without `--format <name>` (or `--format=<name>`), and that name ("human" when absent). */
function takeFormat(argv: string[]): { rest: string[]; format: string } {
  const rest: string[] = [];
  let format = "human";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--format") format = argv[++i] ?? "";
    else if (arg.startsWith("--format=")) format = arg.slice("--format=".length);
    else rest.push(arg);
  }
  return { rest, format };
}

function main(argv: string[]): number {
  const { rest, format } = takeFormat(argv);
  const [command, dir, out] = rest;
  const known = (FORMATS as readonly string[]).includes(format);
  if (!known || !((command === "check" && dir) || (command === "build" && dir && out))) {
    process.stderr.write(
      "usage: cli.ts check <data-dir> [--format human|json|github]\n       cli.ts build <data-dir> <out.geojson>\n",
    );
    return 2;
  }
  const build = command === "build" && out ? out : null;
  const { summary, ok, table, changes } = checkAndWrite(dir, build, format as Format);
  if (format === "json") {
    process.stderr.write(`${summary}\n`);
    return ok ? 0 : 1;
  }
  if (!ok) {
    process.stderr.write(`${summary}\n`);
    if (build) process.stderr.write(`Nothing written: fix the errors above and run it again.\n`);
    return 1;
  }
  if (build && table) {
    process.stdout.write(
      `${summary}\nWrote ${build} and the incident table ${table.dir}/ (${table.files} files)\n${changes.join("\n")}\n`,
    );
  } else {
    process.stdout.write(`${summary}\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
