import { useState } from "preact/hooks";
import { formatFigure } from "../core/format.ts";
import type { Lang } from "../core/view-state.ts";
import { formatMessage, type Messages } from "../i18n/messages.ts";
import type { DataChanges } from "../pipeline/stages/data-changes.ts";
import { compareWithPublished } from "./compare-published.ts";

type State =
  | { kind: "idle" }
  | { kind: "busy" }
  | { kind: "failed"; message: string }
  | { kind: "done"; changes: DataChanges };

/** On request, the incidents the checked sheet adds, removes and changes against the published map, by id. */
export function DataChangesView({
  table,
  lang,
  s,
}: {
  table: Map<string, Uint8Array>;
  lang: Lang;
  s: Messages["check"];
}) {
  const [state, setState] = useState<State>({ kind: "idle" });
  async function compare(): Promise<void> {
    setState({ kind: "busy" });
    try {
      setState({ kind: "done", changes: await compareWithPublished(document.baseURI, table) });
    } catch (error) {
      setState({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  }
  const n = (value: number) => formatFigure(value, lang);
  return (
    <section class="check-changes" aria-labelledby="check-changes-heading">
      <h2 id="check-changes-heading">{s.changesHeading}</h2>
      <p class="check-hint">{s.changesHint}</p>
      <button
        type="button"
        class="button"
        disabled={state.kind === "busy"}
        onClick={() => void compare()}
        data-testid="check-compare"
      >
        {s.changesCompare}
      </button>
      <div role="status" aria-live="polite" data-testid="check-changes">
        {state.kind === "busy" && <p>{s.changesBusy}</p>}
        {state.kind === "failed" && <p>{formatMessage(s.failed, { message: state.message }, lang)}</p>}
        {state.kind === "done" &&
          (state.changes.added.length + state.changes.removed.length + state.changes.changed.length === 0 ? (
            <p data-testid="check-changes-none">{s.changesNone}</p>
          ) : (
            <dl class="check-changes-list">
              {(["added", "removed", "changed"] as const).map((kind) => (
                <div key={kind} data-testid={`check-changes-${kind}`} data-count={state.changes[kind].length}>
                  <dt>
                    {formatMessage(s[`changes_${kind}`], { count: n(state.changes[kind].length) }, lang)}
                  </dt>
                  <dd dir="ltr">{state.changes[kind].join(", ") || "—"}</dd>
                </div>
              ))}
            </dl>
          ))}
      </div>
    </section>
  );
}
