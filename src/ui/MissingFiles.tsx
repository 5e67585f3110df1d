import type { Lang } from "../core/view-state.ts";
import { formatMessage, messagesFor } from "../i18n/messages.ts";
import { type MissingFile, missingFiles } from "../state/missing-files.ts";

function describe(missing: MissingFile, lang: Lang): string {
  const m = messagesFor(lang);
  const reason =
    typeof missing.reason === "number"
      ? formatMessage(m.missingReasonStatus, { status: missing.reason }, lang)
      : missing.reason === null
        ? m.missingReasonUnknown
        : formatMessage(m.missingReasonType, { type: missing.reason }, lang);
  const template =
    missing.kind === "basemap"
      ? m.missingBasemap
      : missing.kind === "map-worker"
        ? m.missingMapWorker
        : m.missingDataWorker;
  return formatMessage(template, { file: missing.file, reason }, lang);
}

/**
 * Says which of the site's own files did not load (state/missing-files.ts) and what still works; shown above the
 * list and map for as long as the page is open, since only a new deployment fixes it.
 */
export function MissingFiles({ lang }: { lang: Lang }) {
  const missing = missingFiles.value;
  if (missing.length === 0) return null;
  const m = messagesFor(lang);
  return (
    <div class="url-notices missing-files" role="alert" data-testid="missing-files">
      <p class="url-notices-title">{m.missingFilesTitle}</p>
      <ul>
        {missing.map((file) => (
          <li key={`${file.kind} ${file.file}`} data-testid={`missing-${file.kind}`}>
            {describe(file, lang)}
          </li>
        ))}
      </ul>
      <p>{m.missingFilesFix}</p>
    </div>
  );
}
