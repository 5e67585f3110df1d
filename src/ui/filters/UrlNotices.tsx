import { useState } from "preact/hooks";
import type { NoticeReason, ViewNotice } from "../../core/url-codec.ts";
import type { Lang } from "../../core/view-state.ts";
import { formatMessage, type Messages, messagesFor } from "../../i18n/messages.ts";
import "./UrlNotices.css";

/** The notice template for each reason a URL value was dropped. */
function noticeTemplate(reason: NoticeReason, s: Messages["filters"]): string {
  const templates: Record<NoticeReason, string> = {
    "unknown-id": s.noticeUnknownId,
    "not-a-date": s.noticeNotADate,
    "not-allowed": s.noticeNotAllowed,
    markup: s.noticeMarkup,
    "too-long": s.noticeTooLong,
    "range-reversed": s.noticeRangeReversed,
    "bad-camera": s.noticeBadCamera,
    malformed: s.noticeMalformed,
  };
  return templates[reason];
}

/**
 * A small, dismissable notice listing the parts of the link that were left out (decodeViewState's notices).
 * Values are rendered as text, never as HTML, and were already shortened by the codec.
 */
export function UrlNotices({ notices, lang }: { notices: readonly ViewNotice[]; lang: Lang }) {
  const [dismissed, setDismissed] = useState<readonly ViewNotice[] | null>(null);
  if (notices.length === 0 || dismissed === notices) return null;
  const s = messagesFor(lang).filters;
  return (
    <div class="url-notices" role="status" data-testid="url-notices">
      <p class="url-notices-title">{s.noticesLabel}</p>
      <ul>
        {notices.map((notice, i) => (
          <li key={i}>
            <bdi>
              {formatMessage(
                noticeTemplate(notice.reason, s),
                { key: notice.key, value: notice.value },
                lang,
              )}
            </bdi>
          </li>
        ))}
      </ul>
      <button type="button" class="button" onClick={() => setDismissed(notices)}>
        {s.dismiss}
      </button>
    </div>
  );
}
