import { useState } from "preact/hooks";
import type { Lang } from "../../core/view-state.ts";
import { formatMessage, messagesFor } from "../../i18n/messages.ts";

export type ExportKind = "png" | "csv" | "geojson";

/** The error's own words, whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The share dialog's status line and the export in progress: `copy` puts text on the clipboard (or leaves it
 * selected when the browser refuses), `run` runs one export at a time and says how it went.
 */
export function useShareStatus(lang: Lang) {
  const s = messagesFor(lang).share;
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState<ExportKind | null>(null);

  async function copy(text: string, field: HTMLInputElement | HTMLTextAreaElement | null): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      setStatus(s.copied);
    } catch {
      // Clipboard access needs a secure context and permission; leave the text selected instead.
      field?.focus();
      field?.select();
      setStatus(s.copyFailed);
    }
  }

  async function run(kind: ExportKind, task: () => Promise<void>): Promise<void> {
    setBusy(kind);
    setStatus(s.working);
    try {
      await task();
      setStatus(s.exportDone);
    } catch (error) {
      setStatus(formatMessage(s.exportFailed, { message: messageOf(error) }, lang));
    } finally {
      setBusy(null);
    }
  }

  return { status, busy, copy, run };
}

export type ShareStatus = ReturnType<typeof useShareStatus>;
