import type { ComponentChildren } from "preact";
import type { TitleBarDrawer } from "./use-title-bar-drawer.ts";
import "./title-bar-drawer.css";

/** The title-bar button that opens and closes an embed's drawer (`drawer`, from useTitleBarDrawer). */
export function TitleBarButton({
  drawer,
  testId,
  ariaLabel,
  children,
}: {
  drawer: TitleBarDrawer;
  testId: string;
  /** Only when the shown text is not the whole name (a count the label alone would not say). */
  ariaLabel?: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <button
      ref={drawer.button}
      type="button"
      class="button title-bar-button"
      aria-expanded={drawer.open}
      aria-controls={drawer.drawerId}
      aria-label={ariaLabel}
      data-testid={testId}
      onClick={() => drawer.setOpen(!drawer.open)}
      onKeyDown={drawer.onKeyDown}
    >
      {children}
    </button>
  );
}
