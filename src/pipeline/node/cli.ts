/**
 * The maintainers' command line:
 *   tsx src/pipeline/node/cli.ts check data
 *   tsx src/pipeline/node/cli.ts build data public/data/incidents.geojson
 * Prints every error and warning, then a summary line. Exit 1 on errors (and nothing is written), 2 on misuse.
 * `build` writes the GeoJSON (the published dataset) and, next to it, the app's incident table (table/).
 */
import { localIsoDay } from "../../core/dates.ts";
import { type BuildResult, formatRowError } from "../index.ts";
import { buildFromDir, publishingAcled } from "./load.ts";
import { type TableWritten, writeGeojsonAndTable } from "./write-table.ts";

/** The lines a maintainer reads for a build result: errors, warnings, then the summary. */
export function reportLines(result: BuildResult): string[] {
  const lines = [...result.errors.map(formatRowError), ...result.warnings.map(formatRowError)];
  const { sheets, incidents } = result.counts;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  lines.push(
    `${plural(sheets, "sheet")}, ${plural(incidents, "incident")}, ${plural(result.errors.length, "error")}, ${plural(result.warnings.length, "warning")}`,
  );
  return lines;
}

/**
 * Checks the sheets and, for `build` without errors, writes the GeoJSON and the incident table beside it (in one
 * pass over the built store); returns the summary line, whether it passed, and the table written.
 */
function checkAndWrite(
  dir: string,
  out: string | null,
): { summary: string; ok: boolean; table: TableWritten | null } {
  const result = buildFromDir(dir, {
    today: localIsoDay(new Date()),
    acledSources: out ? publishingAcled() : "allow",
  });
  const lines = reportLines(result);
  const summary = lines.pop() as string;
  if (lines.length > 0) process.stderr.write(`${lines.join("\n")}\n`);
  if (!result.output) return { summary, ok: false, table: null };
  return { summary, ok: true, table: out ? writeGeojsonAndTable(out, result.output) : null };
}

function main(argv: string[]): number {
  const [command, dir, out] = argv;
  if (!((command === "check" && dir) || (command === "build" && dir && out))) {
    process.stderr.write("usage: cli.ts check <data-dir>\n       cli.ts build <data-dir> <out.geojson>\n");
    return 2;
  }
  const build = command === "build" && out ? out : null;
  const { summary, ok, table } = checkAndWrite(dir, build);
  if (!ok) {
    process.stderr.write(`${summary}\n`);
    if (build) process.stderr.write(`Nothing written: fix the errors above and run it again.\n`);
    return 1;
  }
  if (build && table) {
    process.stdout.write(
      `${summary}\nWrote ${build} and the incident table ${table.dir}/ (${table.files} files)\n`,
    );
  } else {
    process.stdout.write(`${summary}\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
