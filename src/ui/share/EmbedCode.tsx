import { useRef } from "preact/hooks";
import type { Lang } from "../../core/view-state.ts";
import { messagesFor } from "../../i18n/messages.ts";
import { listenForEscape } from "./frame-escape.ts";
import type { ShareStatus } from "./use-share-status.ts";

interface EmbedCodeProps {
  snippet: string;
  resizingSnippet: string;
  embedUrl: string;
  embedTitle: string;
  size: { width: number; height: number };
  responsive: boolean;
  copy: ShareStatus["copy"];
  /** Escape pressed inside the preview frame closes the dialog as it would outside it. */
  onEscape: () => void;
  lang: Lang;
}

/** A read-only code box that selects itself on focus, its hint, and the button that copies it. */
function CopyableCode(props: {
  label: string;
  code: string;
  copyLabel: string;
  copy: ShareStatus["copy"];
  testId: string;
  copyTestId: string;
  hint?: { id: string; text: string };
}) {
  const field = useRef<HTMLTextAreaElement>(null);
  return (
    <>
      <label class="share-field">
        <span>{props.label}</span>
        <textarea
          ref={field}
          readOnly
          rows={4}
          dir="ltr"
          value={props.code}
          aria-describedby={props.hint?.id}
          data-testid={props.testId}
          onFocus={(event) => event.currentTarget.select()}
        />
      </label>
      {props.hint ? (
        <p id={props.hint.id} class="share-hint">
          {props.hint.text}
        </p>
      ) : null}
      <button
        type="button"
        onClick={() => props.copy(props.code, field.current)}
        data-testid={props.copyTestId}
      >
        {props.copyLabel}
      </button>
    </>
  );
}

/** The embed code, the self-resizing embed code, and a live preview of the embedded map. */
export function EmbedCode(props: EmbedCodeProps) {
  const s = messagesFor(props.lang).share;
  const { size } = props;
  return (
    <>
      <CopyableCode
        label={s.codeLabel}
        code={props.snippet}
        copyLabel={s.copyCode}
        copy={props.copy}
        testId="embed-code"
        copyTestId="embed-copy"
      />
      <CopyableCode
        label={s.resizingCodeLabel}
        code={props.resizingSnippet}
        copyLabel={s.copyResizingCode}
        copy={props.copy}
        testId="embed-resizing-code"
        copyTestId="embed-resizing-copy"
        hint={{ id: "share-resizing-hint", text: s.resizingCodeHint }}
      />
      <h4>{s.previewHeading}</h4>
      {/* Wider than a small screen, it scrolls: focusable, so the keyboard can scroll it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region takes focus to be scrolled by keyboard (axe scrollable-region-focusable) */}
      <section class="share-preview-frame" tabIndex={0} aria-label={s.previewHeading}>
        <div
          class="share-preview"
          style={
            props.responsive
              ? { maxWidth: `${size.width}px`, aspectRatio: `${size.width} / ${size.height}` }
              : { width: `${size.width}px`, height: `${size.height}px` }
          }
        >
          <iframe
            src={props.embedUrl}
            title={`${s.previewLabel}: ${props.embedTitle}`}
            loading="lazy"
            referrerpolicy="no-referrer"
            data-testid="embed-preview"
            onLoad={(event) => listenForEscape(event.currentTarget, props.onEscape)}
          />
        </div>
      </section>
    </>
  );
}
