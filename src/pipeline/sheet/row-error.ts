/** One problem found in the sheets, addressed the way a maintainer finds it in a spreadsheet. */
export interface RowError {
  severity: "error" | "warning";
  /** Sheet file name, e.g. "incidents.csv". */
  file: string;
  /** Row number as a spreadsheet shows it (the header is row 1); null for a problem with the whole file. */
  row: number | null;
  /** Column name, or null when the problem is not about one cell. */
  column: string | null;
  /** The offending cell value as entered, or null when there is none to show. */
  value: string | null;
  /** What is wrong; reads as a sentence after the quoted value, e.g. "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)". */
  message: string;
  /** What to do about it, e.g. "write the date as year-month-day, e.g. 2022-01-20". */
  fix: string;
}

// Long cells (summaries) are cut so one message stays one readable line.
const MAX_VALUE_CHARS = 60;

// Characters that show as nothing (controls, zero-width spaces and joiners, direction marks, the BOM): in a message
// they are written as \uXXXX, else a bad value and its fix would look the same.
const INVISIBLE =
  /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** The value in double quotes, escaped like JSON so tabs, newlines, quotes and invisible characters stay visible. */
export function quoteValue(value: string): string {
  const cut = value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value;
  return showInvisible(JSON.stringify(cut));
}

/**
 * `text` with each invisible character written as \uXXXX.
 * @example showInvisible("isis\u200b") // "isis\\u200b"
 */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * The text a maintainer reads.
 * @example formatRowError({ severity: "error", file: "incidents.csv", row: 14, column: "date_start",
 *   value: "2022-13-01", message: "is not a date (YYYY, YYYY-MM or YYYY-MM-DD): there is no month 13",
 *   fix: "write the date as year-month-day" })
 * // 'incidents.csv row 14, column date_start: "2022-13-01" is not a date (YYYY, YYYY-MM or YYYY-MM-DD): there is
 * //  no month 13. Fix: write the date as year-month-day.'
 */
export function formatRowError(e: RowError): string {
  let where = e.file;
  if (e.row !== null) where += ` row ${e.row}`;
  if (e.column !== null) where += `${e.row !== null ? "," : ""} column ${e.column}`;
  // Message and fix may quote values too (a suggested id, another cell).
  const message = showInvisible(e.message);
  const fix = showInvisible(e.fix);
  const what = e.value !== null ? `${quoteValue(e.value)} ${message}` : message;
  const label = e.severity === "warning" ? "warning: " : "";
  return `${label}${where}: ${what}. Fix: ${fix}${/[.?!]$/.test(fix) ? "" : "."}`;
}

/** A ProblemLog as plain data. */
export interface ProblemLogParts {
  errors: RowError[];
  warnings: RowError[];
  errorStages: number[];
  warningStages: number[];
}

export const restoreProblemLog = (parts: ProblemLogParts): ProblemLog => ProblemLog.from(parts);

/**
 * Collects problems in the order they are found; rows are checked top to bottom, sheet by sheet. Big sheets are
 * read and validated in one streaming pass, so problems are found interleaved; each carries the `stage` that was
 * current when it was found, and `ordered()` lists them stage by stage (stable, so row order stays).
 */
/** What `error` and `warn` are told of a problem: where it is (file, row, column), the value, what is wrong, the fix. */
type ProblemFields = [
  file: string,
  row: number | null,
  column: string | null,
  value: string | null,
  message: string,
  fix: string,
];

function rowError(
  severity: RowError["severity"],
  [file, row, column, value, message, fix]: ProblemFields,
): RowError {
  return { severity, file, row, column, value, message, fix };
}

export class ProblemLog {
  readonly errors: RowError[] = [];
  readonly warnings: RowError[] = [];
  /** Set by the caller before each step; problems are listed by stage, then in the order found. */
  stage = 0;
  private errorStages: number[] = [];
  private warningStages: number[] = [];

  /** Where the log stands now, to come back to with `rollBack`. */
  mark(): { errors: number; warnings: number; stage: number } {
    return { errors: this.errors.length, warnings: this.warnings.length, stage: this.stage };
  }

  /** Forgets every problem logged since `mark` (a step that is done again from the start). */
  rollBack(mark: { errors: number; warnings: number; stage: number }): void {
    this.errors.length = mark.errors;
    this.errorStages.length = mark.errors;
    this.warnings.length = mark.warnings;
    this.warningStages.length = mark.warnings;
    this.stage = mark.stage;
  }

  /** A log holding `parts`' problems (see `parts`). */
  static from(parts: ProblemLogParts): ProblemLog {
    const log = new ProblemLog();
    for (const e of parts.errors) log.errors.push(e);
    for (const w of parts.warnings) log.warnings.push(w);
    log.errorStages = parts.errorStages.slice();
    log.warningStages = parts.warningStages.slice();
    return log;
  }

  error(...problem: ProblemFields): void {
    this.errors.push(rowError("error", problem));
    this.errorStages.push(this.stage);
  }

  warn(...problem: ProblemFields): void {
    this.warnings.push(rowError("warning", problem));
    this.warningStages.push(this.stage);
  }

  /** The problems with their stages, as plain data (to send to another thread). */
  parts(): ProblemLogParts {
    return {
      errors: this.errors,
      warnings: this.warnings,
      errorStages: this.errorStages,
      warningStages: this.warningStages,
    };
  }

  /**
   * Puts errors into the list at the given positions (each counted in the list as it was before any insertion,
   * with the stage current then); `inserts` in ascending `at` order, several may share one.
   */
  insertErrors(inserts: { at: number; error: RowError }[], stage: number): void {
    if (inserts.length === 0) return;
    const errors: RowError[] = [];
    const stages: number[] = [];
    let k = 0;
    for (let i = 0; i <= this.errors.length; i++) {
      for (; k < inserts.length && (inserts[k] as { at: number }).at === i; k++) {
        errors.push((inserts[k] as { error: RowError }).error);
        stages.push(stage);
      }
      if (i === this.errors.length) break;
      errors.push(this.errors[i] as RowError);
      stages.push(this.errorStages[i] as number);
    }
    // Element by element: a spread of a long list would overflow the stack.
    this.errors.length = 0;
    for (const e of errors) this.errors.push(e);
    this.errorStages = stages;
  }

  /** Adds another log's problems after this one's, each keeping its stage. */
  append(other: ProblemLog): void {
    for (let i = 0; i < other.errors.length; i++) {
      this.errors.push(other.errors[i] as RowError);
      this.errorStages.push(other.errorStages[i] as number);
    }
    for (let i = 0; i < other.warnings.length; i++) {
      this.warnings.push(other.warnings[i] as RowError);
      this.warningStages.push(other.warningStages[i] as number);
    }
  }

  /** Errors and warnings, each listed stage by stage. */
  ordered(): { errors: RowError[]; warnings: RowError[] } {
    return {
      errors: byStage(this.errors, this.errorStages),
      warnings: byStage(this.warnings, this.warningStages),
    };
  }
}

function byStage(problems: RowError[], stages: number[]): RowError[] {
  const order = problems.map((_, i) => i);
  order.sort((a, b) => (stages[a] as number) - (stages[b] as number) || a - b);
  return order.map((i) => problems[i] as RowError);
}
