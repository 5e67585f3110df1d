import { useId, useRef, useState } from "preact/hooks";

/**
 * The open/close and focus handling of an embed's title-bar drawer (the list, the filters): a button toggles the
 * drawer; Escape in either closes it and gives focus back to the button. An Escape something inside already
 * handled (the detail panel's) is left alone: one Escape closes one thing.
 */
export function useTitleBarDrawer() {
  const [open, setOpen] = useState(false);
  const drawerId = useId();
  const button = useRef<HTMLButtonElement>(null);

  function close(): void {
    setOpen(false);
    button.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.key !== "Escape" || !open || event.defaultPrevented) return;
    event.preventDefault();
    close();
  }

  return { open, setOpen, drawerId, button, close, onKeyDown };
}

export type TitleBarDrawer = ReturnType<typeof useTitleBarDrawer>;
