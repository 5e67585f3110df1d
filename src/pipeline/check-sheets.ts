import { unzipSync } from "fflate";
import Papa from "papaparse";
import type { SheetName } from "../core/sheet-columns.ts";
import { type BuildResult, buildIncidents, type ReferenceData, type SheetTexts } from "./index.ts";
import { guessNewline } from "./machinery/guess-newline.ts";
import { type ProblemRecord, toProblemRecords } from "./sheet/report-formats.ts";
import { SHEET_FILES } from "./sheet/sheet-columns.ts";

// `data:check` for sheets that come as bytes rather than from a folder: the "Check a sheet" page runs this in a
// Web Worker on the files a maintainer opens. Same build, same messages, same order as the CLI.

/** The sheets' files as bytes, keyed by sheet name (a missing one is reported as the CLI reports it). */
export type SheetBytes = Partial<Record<SheetName, Uint8Array>>;

/** The header and the rows that problems point at, for showing a problem's row beside its message. */
export interface SheetPreview {
  header: string[];
  /** Row number (as a spreadsheet shows it) → its cells. */
  rows: Record<number, string[]>;
}

export interface CheckReport {
  /** Errors, then warnings, as `data:check --format json` lists them. */
  problems: ProblemRecord[];
  /** `data:check`'s summary line, e.g. "5 sheets, 19 incidents, 0 errors, 0 warnings". */
  summary: string;
  counts: BuildResult["counts"];
  /** For each file with a problem on a row: its header and those rows. */
  previews: Partial<Record<SheetName, SheetPreview>>;
  /** The GeoJSON `data:build` writes, byte for byte; null when there are errors. */
  geojson: Uint8Array | null;
  /** The app's incident table made in the same pass (file name → bytes); null when there are errors. */
  table: Map<string, Uint8Array> | null;
}

/**
 * A sheet file's text, decoded as `data:check` decodes it: UTF-8, a bad byte becoming U+FFFD, a BOM kept for
 * readSheet to drop (Node's StringDecoder in the CLI, TextDecoder here: the same text).
 * @example decodeSheetBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x69, 0x64])) // "\uFEFFid"
 */
export function decodeSheetBytes(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

/** The summary line `data:check` prints last. */
export function summaryLine(result: Pick<BuildResult, "counts" | "errors" | "warnings">): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const { sheets, incidents } = result.counts;
  return `${plural(sheets, "sheet")}, ${plural(incidents, "incident")}, ${plural(result.errors.length, "error")}, ${plural(result.warnings.length, "warning")}`;
}

/**
 * The cells of the given rows of a sheet's text (the header is row 1), parsed as readSheet parses it (same line
 * ending guess, BOM dropped). A row number past the end is left out.
 * @example pickRows("id,name\nsdf,SDF\n", [1, 2]) // Map { 1 => ["id","name"], 2 => ["sdf","SDF"] }
 */
export function pickRows(text: string, rows: Iterable<number>): Map<number, string[]> {
  const wanted = new Set(rows);
  const picked = new Map<number, string[]>();
  if (wanted.size === 0) return picked;
  const last = Math.max(...wanted);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let row = 0;
  Papa.parse<string[]>(body, {
    newline: guessNewline(body),
    step: (result, parser) => {
      row++;
      if (wanted.has(row)) picked.set(row, result.data);
      if (row >= last) parser.abort();
    },
  });
  return picked;
}

/**
 * Checks the sheets as `data:check` does and, when there is no error, makes what `data:build` writes.
 * @example checkSheets({ "incidents.csv": bytes, … }, reference, "2026-12-03").problems
 */
export function checkSheets(files: SheetBytes, reference: ReferenceData, today: string): CheckReport {
  const texts: SheetTexts = {};
  for (const file of SHEET_FILES) {
    const bytes = files[file];
    if (bytes) texts[file] = decodeSheetBytes(bytes);
  }
  const result = buildIncidents(texts, reference, { today });
  const problems = toProblemRecords(result.errors, result.warnings);
  const previews: Partial<Record<SheetName, SheetPreview>> = {};
  for (const file of SHEET_FILES) {
    const text = texts[file];
    const rows = problems.filter((p) => p.file === file && p.row !== null).map((p) => p.row as number);
    if (text === undefined || rows.length === 0) continue;
    const picked = pickRows(text, [1, ...rows]);
    previews[file] = { header: picked.get(1) ?? [], rows: Object.fromEntries(picked) };
  }
  let geojson: Uint8Array | null = null;
  let table: Map<string, Uint8Array> | null = null;
  if (result.output) {
    const made = new Map<string, Uint8Array>();
    const chunks: Uint8Array[] = [];
    for (const chunk of result.output.chunks({ onFile: (name, bytes) => made.set(name, bytes.slice()) })) {
      chunks.push(chunk.slice());
    }
    geojson = joinBytes(chunks);
    table = made;
  }
  return { problems, summary: summaryLine(result), counts: result.counts, previews, geojson, table };
}

function joinBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Which sheet a file is, from its name or path inside a folder or zip ("data/incidents.csv" → "incidents.csv");
 * null for any other file.
 */
export function sheetNameOf(path: string): SheetName | null {
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  return (SHEET_FILES as readonly string[]).includes(base) ? (base as SheetName) : null;
}

/**
 * The sheets among a set of files (a folder's or a zip's): by name; when two files share a sheet's name, the one
 * nearest the top of the folder wins, and the others are named in `ignored` so the page can say so.
 */
export function pickSheetFiles<T>(files: readonly { path: string; data: T }[]): {
  sheets: Partial<Record<SheetName, { path: string; data: T }>>;
  ignored: string[];
} {
  const sheets: Partial<Record<SheetName, { path: string; data: T }>> = {};
  const ignored: string[] = [];
  const depth = (p: string) => p.split("/").length;
  const sorted = [...files].sort((a, b) => depth(a.path) - depth(b.path) || (a.path < b.path ? -1 : 1));
  for (const file of sorted) {
    const name = sheetNameOf(file.path);
    if (name === null) continue;
    if (sheets[name]) ignored.push(file.path);
    else sheets[name] = file;
  }
  return { sheets, ignored };
}

/** One file's problems, in the order data:check lists them. */
export interface FileProblems {
  file: string;
  errors: number;
  warnings: number;
  problems: ProblemRecord[];
}

/**
 * Problems grouped by file, the files in the order their first problem comes, so reading the groups top to bottom
 * gives data:check's order whenever its list is already by file (errors are checked sheet by sheet).
 */
export function groupByFile(problems: readonly ProblemRecord[]): FileProblems[] {
  const groups = new Map<string, FileProblems>();
  for (const p of problems) {
    let group = groups.get(p.file);
    if (!group) {
      group = { file: p.file, errors: 0, warnings: 0, problems: [] };
      groups.set(p.file, group);
    }
    group.problems.push(p);
    if (p.severity === "error") group.errors++;
    else group.warnings++;
  }
  return [...groups.values()];
}

/**
 * Files as opened, each zip replaced by the CSV files inside it, named by the zip's name as their folder
 * ("sheet.zip/data/incidents.csv"). A zip that cannot be read throws, naming it.
 */
export function unpackZips(files: readonly { path: string; data: Uint8Array }[]): {
  path: string;
  data: Uint8Array;
}[] {
  const out: { path: string; data: Uint8Array }[] = [];
  for (const file of files) {
    if (!file.path.toLowerCase().endsWith(".zip")) {
      out.push(file);
      continue;
    }
    let inside: Record<string, Uint8Array>;
    try {
      inside = unzipSync(file.data, { filter: (entry) => entry.name.toLowerCase().endsWith(".csv") });
    } catch (error) {
      throw new Error(
        `${file.path} is not a zip that can be read (${error instanceof Error ? error.message : error})`,
      );
    }
    for (const [name, data] of Object.entries(inside)) out.push({ path: `${file.path}/${name}`, data });
  }
  return out;
}
