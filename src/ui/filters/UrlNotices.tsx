import { useState } from "preact/hooks";
import type { ViewNotice } from "../../core/url-codec.ts";
import type { Lang } from "../../core/view-state.ts";
import { fill, filterStrings, noticeTemplate } from "./strings.ts";
import "./filters.css";

/**
 * A small, dismissable notice listing the parts of the link that were left out (decodeViewState's notices).
 * Values are rendered as text, never as HTML, and were already shortened by the codec.
 */
export function UrlNotices({ notices, lang }: { notices: readonly ViewNotice[]; lang: Lang }) {
  const [dismissed, setDismissed] = useState<readonly ViewNotice[] | null>(null);
  if (notices.length === 0 || dismissed === notices) return null;
  const s = filterStrings(lang);
  return (
    <div class="url-notices" role="status" data-testid="url-notices">
      <p class="url-notices-title">{s.noticesLabel}</p>
      <ul>
        {notices.map((notice, i) => (
          <li key={i}>
            <bdi>
              {fill(noticeTemplate(notice.reason, s), { key: notice.key, value: notice.value }, lang)}
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
