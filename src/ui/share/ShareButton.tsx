import { useState } from "preact/hooks";
import type { ViewState } from "../../core/view-state.ts";
import { messagesFor } from "../../i18n/messages.ts";
import type { Store } from "../../state/store.ts";
import { ShareDialog } from "./ShareDialog.tsx";

export interface ShareButtonProps {
  store: Store;
  buildViewUrl: (view: ViewState) => string;
  exportImage: () => Promise<Blob>;
}

/** The "Share" button of the app's header; opens the share dialog (which returns focus here on close). */
export function ShareButton({ store, buildViewUrl, exportImage }: ShareButtonProps) {
  const [open, setOpen] = useState(false);
  const s = messagesFor(store.view.value.lang).share;
  return (
    <>
      <button
        type="button"
        class="share-button"
        title={s.shareButtonTitle}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
        data-testid="share-button"
      >
        {s.shareButton}
      </button>
      {open ? (
        <ShareDialog
          store={store}
          buildViewUrl={buildViewUrl}
          exportImage={exportImage}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}
