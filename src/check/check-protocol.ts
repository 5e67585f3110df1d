import type { CheckReport } from "../pipeline/check-sheets.ts";

/** A file as opened: its path (a folder's relative path, or just its name) and its bytes. */
export interface OpenedFile {
  path: string;
  data: Uint8Array;
}

export interface CheckRequest {
  id: number;
  files: OpenedFile[];
}

export type CheckReply =
  | {
      id: number;
      report: CheckReport;
      /** The paths read as the five sheets. */
      used: string[];
      /** Files with a sheet's name that were not read (another one of that name was nearer the top). */
      ignored: string[];
      failure?: undefined;
    }
  | { id: number; failure: string; report?: undefined };

export type CheckOutcome = Extract<CheckReply, { report: CheckReport }>;

/** Starts the check worker; each call checks one set of files, and a newer call's answer replaces an older one. */
export function createChecker(): (files: OpenedFile[]) => Promise<CheckOutcome> {
  const worker = new Worker(new URL("./check.worker.ts", import.meta.url), { type: "module" });
  const pending = new Map<number, { resolve: (r: CheckOutcome) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  worker.onmessage = (event: MessageEvent<CheckReply>) => {
    const reply = event.data;
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (!waiting) return;
    if (reply.report) waiting.resolve(reply);
    else waiting.reject(new Error(reply.failure));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    for (const waiting of pending.values()) waiting.reject(new Error(event.message || "the check failed"));
    pending.clear();
  };
  return (files) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, files } satisfies CheckRequest);
    });
}
