/** Saves `blob` as a file named `name` through a temporary object URL (no request leaves the page). */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.rel = "noopener";
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves several text files one after another; a short pause keeps browsers from dropping all but the first. */
export async function downloadTextFiles(
  files: readonly { name: string; text: string; type: string }[],
  pauseMs = 250,
): Promise<void> {
  for (const [index, file] of files.entries()) {
    if (index > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    downloadBlob(file.name, new Blob([file.text], { type: file.type }));
  }
}
