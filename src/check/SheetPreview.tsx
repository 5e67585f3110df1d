import { effect } from "@preact/signals";
import { useEffect, useState } from "preact/hooks";
import { withLang } from "../core/selection-actions.ts";
import { DEFAULT_VIEW, type Lang } from "../core/view-state.ts";
import type { Messages } from "../i18n/messages.ts";
import { createStore, type Store } from "../state/store.ts";
import { createLocalTableService } from "../state/table-service.ts";
import { App } from "../ui/App.tsx";
import { FilterBar } from "../ui/filters/FilterBar.tsx";
import { Timeline } from "../ui/filters/Timeline.tsx";

interface SheetPreviewProps {
  /** The incident table made from the checked sheet (file name → bytes). */
  table: Map<string, Uint8Array>;
  lang: Lang;
  /** The app has its own language switch: the page follows it. */
  onLang: (lang: Lang) => void;
  s: Messages["check"];
}

/** The map app itself, fed from the table in memory instead of data/table/ on the server. */
export function SheetPreview({ table, lang, onLang, s }: SheetPreviewProps) {
  const [store, setStore] = useState<Store | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setStore(null);
    createLocalTableService(table)
      .then(async (service) => {
        const next = createStore(service, { ...DEFAULT_VIEW, lang });
        await next.ready;
        if (live) setStore(next);
      })
      .catch((error: unknown) => live && setFailure(error instanceof Error ? error.message : String(error)));
    return () => {
      live = false;
    };
    // A new table is a new preview; a language change is passed to the store below.
  }, [table]);

  useEffect(() => {
    if (store && store.view.value.lang !== lang) store.update((view) => withLang(view, lang));
  }, [store, lang]);

  useEffect(() => {
    if (!store) return;
    return effect(() => onLang(store.view.value.lang));
  }, [store, onLang]);

  if (failure) return <p role="alert">{failure}</p>;
  if (!store) return <p aria-busy="true">{s.previewLoading}</p>;
  return <App store={store} filterBar={<FilterBar store={store} />} timeline={<Timeline store={store} />} />;
}
