/** The filter bar's pop-up lists and the share dialog: opening them, what is open, focus inside them. */

import type { Frame } from "playwright-core";

export function popupActions(frame: Frame) {
  return {
    /** Moves focus to the Done button of the filter pop-up that is open. */
    async focusDoneOfOpenPopup(): Promise<void> {
      await frame.locator(".multi-select-panel").getByRole("button").focus();
    },
    /** Ticks `value` in the open pop-up of the multi-select `testId`, leaving the pop-up open. */
    async tickInOpenPopup(testId: string, value: string): Promise<void> {
      await frame.locator(`[data-testid="${testId}-options"] input[value="${value}"]`).check();
    },
    /** Waits until no filter pop-up is open. */
    async waitForPopupsClosed(): Promise<void> {
      await frame.locator(".multi-select-panel").waitFor({ state: "detached", timeout: 5000 });
    },
    /** Scrolls the share dialog's live preview into view and puts focus on a control inside it. */
    async focusInEmbedPreview(testId: string): Promise<void> {
      await frame.getByTestId("embed-preview").scrollIntoViewIfNeeded();
      const control = frame.frameLocator('[data-testid="embed-preview"]').getByTestId(testId);
      await control.waitFor();
      await control.focus();
    },
  };
}

export function popupQuestions(frame: Frame) {
  return {
    /** How many filter pop-ups are open at once. */
    async openPopups(): Promise<number> {
      return frame.locator(".multi-select-panel").count();
    },
  };
}
