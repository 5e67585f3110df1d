import { formatFigure } from "../core/format.ts";
import type { Lang } from "../core/view-state.ts";
import { formatMessage, type Messages } from "../i18n/messages.ts";
import type { CheckReport, FileProblems } from "../pipeline/check-sheets.ts";
import type { ProblemRecord } from "../pipeline/sheet/report-formats.ts";
import { formatRowError } from "../pipeline/sheet/row-error.ts";

interface ProblemListProps {
  groups: FileProblems[];
  previews: CheckReport["previews"];
  lang: Lang;
  s: Messages["check"];
}

/** Every problem, grouped by file, each with where it is, data:check's own line, and its row from the sheet. */
export function ProblemList({ groups, previews, lang, s }: ProblemListProps) {
  const n = (value: number) => formatFigure(value, lang);
  return (
    <section class="check-problems" aria-labelledby="check-problems-heading" data-testid="check-problems">
      <h2 id="check-problems-heading">{s.problemsHeading}</h2>
      {groups.map((group) => (
        <section
          key={group.file}
          class="check-file"
          aria-labelledby={`check-file-${group.file}`}
          data-testid="check-file"
          data-file={group.file}
        >
          <h3 id={`check-file-${group.file}`}>
            {/* The file name is Latin: isolated, so the counts read in the page's direction after it. */}
            <bdi dir="ltr">{group.file}</bdi> ·{" "}
            {formatMessage(s.fileCounts, { errors: n(group.errors), warnings: n(group.warnings) }, lang)}
          </h3>
          <ol class="check-list">
            {group.problems.map((problem, i) => (
              <ProblemItem
                key={`${group.file}-${i}`}
                id={`${group.file}-${i}`}
                problem={problem}
                preview={previews[problem.file as keyof CheckReport["previews"]]}
                lang={lang}
                s={s}
              />
            ))}
          </ol>
        </section>
      ))}
    </section>
  );
}

interface ProblemItemProps {
  id: string;
  problem: ProblemRecord;
  preview: CheckReport["previews"][keyof CheckReport["previews"]];
  lang: Lang;
  s: Messages["check"];
}

function ProblemItem({ id, problem, preview, lang, s }: ProblemItemProps) {
  const where = [
    problem.row === null ? s.wholeFile : formatMessage(s.row, { row: formatFigure(problem.row, lang) }, lang),
    problem.column === null ? null : formatMessage(s.column, { column: problem.column }, lang),
  ].filter((part) => part !== null);
  const cells = problem.row === null ? undefined : preview?.rows[problem.row];
  return (
    <li class={`check-item ${problem.severity}`} data-testid="check-problem" data-severity={problem.severity}>
      <p class="check-where">
        <span class="check-badge">{problem.severity === "error" ? s.error : s.warning}</span>{" "}
        <span data-testid="check-where">{where.join(" · ")}</span>
      </p>
      {/* data:check's own words: the pipeline's messages are English, whatever the page's language. */}
      <p class="check-text" lang="en" dir="ltr" data-testid="check-message">
        {formatRowError(problem)}
      </p>
      {problem.row !== null && (
        <details class="check-row" data-testid="check-row">
          <summary>{formatMessage(s.showRow, { row: formatFigure(problem.row, lang) }, lang)}</summary>
          {cells ? (
            <RowTable
              id={id}
              caption={formatMessage(
                s.rowTableLabel,
                { file: problem.file, row: formatFigure(problem.row, lang) },
                lang,
              )}
              header={preview?.header ?? []}
              cells={cells}
              column={problem.column}
              s={s}
            />
          ) : (
            <p>{s.noRowPreview}</p>
          )}
        </details>
      )}
    </li>
  );
}

interface RowTableProps {
  id: string;
  caption: string;
  header: string[];
  cells: string[];
  column: string | null;
  s: Messages["check"];
}

/** The row as column → value, the problem's column marked; a row with more cells than the header shows them all. */
function RowTable({ id, caption, header, cells, column, s }: RowTableProps) {
  const width = Math.max(header.length, cells.length);
  const rows = Array.from({ length: width }, (_, i) => ({
    name: header[i]?.trim() ?? `#${i + 1}`,
    value: cells[i] ?? "",
  }));
  return (
    <table class="check-row-table" aria-describedby={`${id}-caption`}>
      <caption id={`${id}-caption`}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{s.cellColumn}</th>
          <th scope="col">{s.cellValue}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => {
          const marked = column !== null && r.name === column;
          return (
            <tr key={i} class={marked ? "marked" : undefined} aria-current={marked ? "true" : undefined}>
              <th scope="row" dir="ltr">
                {r.name}
              </th>
              <td dir="auto">{marked ? <mark>{r.value}</mark> : r.value}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
