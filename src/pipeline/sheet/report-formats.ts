import { formatRowError, type RowError } from "./row-error.ts";

// The machine-readable forms of a check's problems, for tools and CI (`data:check --format json|github`). The human
// form stays formatRowError's; these carry the same problems in the same order (errors, then warnings).

/** One problem as `--format json` writes it: the RowError's fields (in a fixed key order), the value uncut. */
export type ProblemRecord = RowError;

/** Errors then warnings, each as a plain record with a fixed key order (stable diffs of the output). */
export function toProblemRecords(
  errors: readonly RowError[],
  warnings: readonly RowError[],
): ProblemRecord[] {
  return [...errors, ...warnings].map((e) => ({
    file: e.file,
    row: e.row,
    column: e.column,
    value: e.value,
    message: e.message,
    fix: e.fix,
    severity: e.severity,
  }));
}

/**
 * The JSON array `--format json` prints: one record per problem, errors first.
 * @example formatProblemsJson([], []) // "[]"
 */
export function formatProblemsJson(errors: readonly RowError[], warnings: readonly RowError[]): string {
  return JSON.stringify(toProblemRecords(errors, warnings), null, 2);
}

/** A workflow command's message: %, CR and LF are escaped (GitHub's actions/toolkit `escapeData`). */
export function escapeWorkflowData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A workflow command's property value: as the message, and also ":" and "," (`escapeProperty`). */
export function escapeWorkflowProperty(text: string): string {
  return escapeWorkflowData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** Where a problem is, for a GitHub annotation: the file's path in the repository and, if known, the column's number. */
export interface AnnotationPlace {
  /** e.g. "data/incidents.csv" (forward slashes, relative to the repository's root). */
  path: string;
  /** 1-based position of the problem's column in the sheet's header, or null when unknown. */
  col: number | null;
}

/**
 * One GitHub Actions annotation (`::error …::` or `::warning …::`) for a problem; the message is the text
 * `data:check` prints, so a pull request shows what a maintainer reads in the terminal.
 * @example formatGithubAnnotation(e, { path: "data/incidents.csv", col: 6 })
 * // '::error file=data/incidents.csv,line=2,col=6,title=incidents.csv row 2%2C column date_start::"2022-13-01" …'
 */
export function formatGithubAnnotation(e: RowError, place: AnnotationPlace): string {
  const properties = [`file=${escapeWorkflowProperty(place.path)}`];
  if (e.row !== null) properties.push(`line=${e.row}`);
  if (e.row !== null && place.col !== null) properties.push(`col=${place.col}`);
  let title = e.file;
  if (e.row !== null) title += ` row ${e.row}`;
  if (e.column !== null) title += `${e.row !== null ? "," : ""} column ${e.column}`;
  properties.push(`title=${escapeWorkflowProperty(title)}`);
  // The label "warning: " is the command's own name here.
  const message = formatRowError({ ...e, severity: "error" });
  return `::${e.severity} ${properties.join(",")}::${escapeWorkflowData(message)}`;
}

/** All annotations, errors first; `placeOf` says where each problem's file and column are. */
export function formatGithubAnnotations(
  errors: readonly RowError[],
  warnings: readonly RowError[],
  placeOf: (e: RowError) => AnnotationPlace,
): string[] {
  return [...errors, ...warnings].map((e) => formatGithubAnnotation(e, placeOf(e)));
}

/**
 * The 1-based position of `column` among a header's cells (trimmed, BOM dropped, as readSheet reads a header);
 * null when the header lacks it.
 */
export function columnNumber(header: readonly string[], column: string | null): number | null {
  if (column === null) return null;
  const at = header.findIndex((cell) => cell.replace(/^\uFEFF/, "").trim() === column);
  return at < 0 ? null : at + 1;
}
