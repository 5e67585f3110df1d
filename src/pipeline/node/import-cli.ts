/**
 * Imports a UCDP GED or ACLED CSV export into the incident sheets:
 *   tsx src/pipeline/node/import-cli.ts --data data --from ucdp|acled FILE [--country Syria] [--since YYYY-MM-DD] [--dry-run]
 * Prints what it adds, changes and leaves alone, every dataset row it skips (file, row, column, value), and writes
 * the five sheets only when the merged sheets check with no more errors than before. Exit 1 on a refused write or
 * an unreadable file, 2 on misuse.
 */
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { localIsoDay } from "../../core/dates.ts";
import { type DatasetName, type ImportSummary, importInto } from "../import/index.ts";
import { formatRowError } from "../index.ts";
import { SHEET_FILES } from "../sheet/sheet-columns.ts";
import { createLocator } from "../stages/locator.ts";
import { dryRunSheets, fileText, ImportFileError, StagedSheets } from "./import-files.ts";
import { buildFromDir, loadReference } from "./load.ts";

const USAGE =
  "usage: npm run data:import -- --from ucdp|acled FILE [--country Syria|all] [--since YYYY-MM-DD] [--dry-run]\n";

interface Args {
  dataset: DatasetName;
  file: string;
  data: string;
  country: string | null;
  since: string | null;
  dryRun: boolean;
}

function parseArgs(argv: string[]): Args | string {
  let dataset: string | null = null;
  let file: string | null = null;
  let data = "data";
  let country: string | null = "Syria";
  let since: string | null = null;
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = () => argv[++i] ?? "";
    if (arg === "--from") {
      dataset = value();
      file = argv[++i] ?? null;
    } else if (arg === "--data") data = value();
    else if (arg === "--country") {
      const c = value();
      country = c === "all" ? null : c;
    } else if (arg === "--since") since = value();
    else if (arg === "--dry-run") dryRun = true;
    else return `unknown argument "${arg}"`;
  }
  if (dataset !== "ucdp" && dataset !== "acled") return `--from takes ucdp or acled, not "${dataset ?? ""}"`;
  if (!file) return "--from needs the export's file after the dataset name";
  if (since !== null && !/^\d{4}-\d{2}-\d{2}$/.test(since)) return `--since takes YYYY-MM-DD, not "${since}"`;
  return { dataset, file, data, country, since, dryRun };
}

/** The lines a maintainer reads after an import (or a dry run). */
export function importReport(
  result: ImportSummary,
  args: Pick<Args, "dataset" | "file" | "dryRun">,
): string[] {
  const lines: string[] = [];
  const verb = args.dryRun ? "would " : "";
  if (args.dryRun) {
    for (const file of SHEET_FILES) {
      const c = result.changes[file];
      for (const id of c.added) lines.push(`${verb}add ${file} ${id}`);
      for (const id of c.changed) lines.push(`${verb}change ${file} ${id}`);
      for (const id of c.kept) lines.push(`${verb}leave ${file} ${id} as it is (a curated row)`);
    }
    for (const file of ["actors.csv", "places.csv"] as const) {
      for (const id of result.used[file])
        lines.push(`${verb}refer to ${file} ${id}, left as it is (a curated row)`);
    }
  }
  lines.push(...result.problems.map((p) => `skipped: ${formatRowError(p)}`));
  lines.push(...result.warnings.map(formatRowError));
  const f = result.filtered;
  const types = [...f.type.entries()].map(([t, n]) => `${t} ×${n}`).join(", ");
  lines.push(
    `${basename(args.file)}: ${result.counts.rows} rows read, ${result.counts.events} incidents, ` +
      `${result.problems.length} skipped with a problem, ${f.country} of another country, ` +
      `${f.since} before --since, ${[...f.type.values()].reduce((a, b) => a + b, 0)} of a type the map does not show` +
      (types ? ` (${types})` : ""),
  );
  for (const file of SHEET_FILES) {
    const c = result.changes[file];
    lines.push(
      `${file}: ${c.added.length} ${args.dryRun ? "to add" : "added"}, ${c.changed.length} ${args.dryRun ? "to change" : "changed"}, ` +
        `${c.unchanged.length} unchanged, ${c.kept.length} curated left alone`,
    );
  }
  if (args.dataset === "acled") {
    lines.push(
      "ACLED's terms of use restrict redistribution: `npm run build` refuses to publish ACLED-derived rows " +
        "until you set ATLAS_ACLED_REDISTRIBUTION=permitted, which says you have ACLED's permission.",
    );
  }
  return lines;
}

/** A line of progress on a terminal, rewritten in place (an empty one clears it); nothing when stderr is a file. */
function progress(line: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${line}`);
}

function main(argv: string[]): number {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    process.stderr.write(`${args}\n${USAGE}`);
    return 2;
  }
  if (!existsSync(args.file)) {
    process.stderr.write(`${args.file}: no such file\n`);
    return 1;
  }
  const today = localIsoDay(new Date());
  const reference = loadReference(
    existsSync(join(args.data, "reference", "border-region.geojson"))
      ? join(args.data, "reference")
      : undefined,
  );
  const locator = createLocator(reference);
  const options = {
    dataset: args.dataset,
    file: basename(args.file),
    country: args.country,
    since: args.since,
    today,
    inRegion: (lon: number, lat: number) => locator.inRegion(lon, lat),
    onProgress: (rows: number) => progress(`${args.file}: ${rows.toLocaleString("en")} rows read…`),
  };
  if (args.dryRun) {
    const result = importInto(fileText(args.file), dryRunSheets(args.data), options, "none");
    progress("");
    process.stdout.write(`${importReport(result, args).join("\n")}\nNothing written (--dry-run).\n`);
    return 0;
  }
  const staged = new StagedSheets(args.data);
  try {
    const result = importInto(fileText(args.file), staged, options, "changed");
    progress("");
    process.stdout.write(`${importReport(result, args).join("\n")}\n`);
    staged.completeStaging();
    progress("Checking the merged sheets…");
    // The importer's rows must check cleanly: a merge that adds errors is a bug, and writes nothing.
    const check = { today, makeOutput: false };
    const after = buildFromDir(staged.staging, { ...check, referenceFrom: args.data }).errors;
    progress("");
    if (after.length > 0 && after.length > buildFromDir(args.data, check).errors.length) {
      process.stderr.write(`${after.map(formatRowError).join("\n")}\n`);
      process.stderr.write("Nothing written: the merged sheets have errors the current ones do not.\n");
      return 1;
    }
    staged.commit();
  } finally {
    staged.discard();
  }
  process.stdout.write(`Wrote the sheets in ${args.data}/.\n`);
  return 0;
}

/** main, with a file that is not UTF-8 reported as the check reports it: file, row, column, value and fix. */
function run(argv: string[]): number {
  try {
    return main(argv);
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    progress("");
    const p = e.problem;
    const error = { severity: "error" as const, file: e.file, row: p.row, column: p.column, value: p.value };
    process.stderr.write(`${formatRowError({ ...error, message: p.message, fix: p.fix })}\n`);
    process.stderr.write("Nothing written.\n");
    return 1;
  }
}

process.exitCode = run(process.argv.slice(2));
