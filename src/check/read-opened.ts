import type { OpenedFile } from "./check-protocol.ts";

// The files a maintainer opens or drops, as bytes with their path in the folder (if any). Bytes, not text: the
// pipeline decodes them exactly as data:check decodes a file on disk.

/** Files from an <input type="file"> (several files, or a folder with `webkitdirectory`). */
export function readInputFiles(files: FileList | null): Promise<OpenedFile[]> {
  return Promise.all(
    Array.from(files ?? []).map(async (file) => ({
      path: file.webkitRelativePath || file.name,
      data: new Uint8Array(await file.arrayBuffer()),
    })),
  );
}

/** Files from a drop: plain files, and every file inside a dropped folder (read through its entries). */
export async function readDroppedFiles(transfer: DataTransfer | null): Promise<OpenedFile[]> {
  if (!transfer) return [];
  const entries = Array.from(transfer.items)
    .map((item) => (item.kind === "file" ? item.webkitGetAsEntry() : null))
    .filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0) return readInputFiles(transfer.files);
  const out: OpenedFile[] = [];
  for (const entry of entries) await collect(entry, out);
  return out;
}

async function collect(entry: FileSystemEntry, out: OpenedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    out.push({ path: entry.fullPath.replace(/^\//, ""), data: new Uint8Array(await file.arrayBuffer()) });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries hands a folder's entries over in batches, until an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) break;
    for (const child of batch) await collect(child, out);
  }
}
