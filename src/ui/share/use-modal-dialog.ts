import { useEffect, useRef } from "preact/hooks";

/**
 * Shows a <dialog> as a modal while the component is mounted: the page behind is inert, a click on the backdrop
 * calls `onClose`, and on unmount the dialog closes and focus returns to what had it before.
 * Returns the dialog's ref and a ref always holding the latest `onClose` (for listeners made once).
 */
export function useModalDialog(onClose: () => void) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  // Read through a ref: the effect below must run once, or the dialog would close and reopen (losing
  // focus) whenever the parent passes a new `onClose`.
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    // The dialog unmounts when it closes, too late for the browser's own focus restoration: do it here.
    const opener = document.activeElement;
    if (!dialog.open) dialog.showModal();
    // A click on the <dialog> element itself (not its padded body) is a click on the backdrop; the
    // keyboard way to the same is Escape, handled by the native `cancel` event.
    const onBackdrop = (event: MouseEvent) => {
      if (event.target === dialog) onCloseRef.current();
    };
    dialog.addEventListener("click", onBackdrop);
    return () => {
      dialog.removeEventListener("click", onBackdrop);
      dialog.close();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);
  return { dialogRef, onCloseRef };
}
