import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';

/** The first field of the body, or the element a form asked to focus (autoFocus puts focus there first). */
function initialFocus(content: HTMLElement): HTMLElement | null {
  if (content.contains(document.activeElement) && document.activeElement !== content) {
    return document.activeElement as HTMLElement;
  }
  return content.querySelector<HTMLElement>(
    '.modal-body input:not([disabled]), .modal-body select:not([disabled]), .modal-body textarea:not([disabled]), .modal-body button:not([disabled]), .modal-foot button:not([disabled])',
  );
}

/**
 * A dialog on Radix's Dialog primitive: focus is trapped inside, Escape and a click outside close it,
 * the rest of the page is hidden from assistive tech, and focus returns where it was.
 * We render our own backdrop instead of Dialog.Overlay: the Overlay's scroll lock injects a <style>
 * element, which the app's Content-Security-Policy (style-src 'self') refuses; the app shell does
 * not scroll, so there is nothing to lock.
 */
export function Modal({
  title,
  onClose,
  children,
  footer,
  width = 520,
  label,
}: {
  title: string;
  onClose(): void;
  children: React.ReactNode;
  footer?: React.ReactNode;
  width?: number;
  label?: string;
}) {
  // Where focus was when the dialog opened (Radix returns focus to a Dialog.Trigger, which we do not use).
  const [before] = useState(() => document.activeElement as HTMLElement | null);
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <div className="overlay">
          <Dialog.Content
            className="modal"
            aria-describedby={undefined}
            {...(label ? { 'aria-label': label, 'aria-labelledby': undefined } : {})}
            style={{ width }}
            onOpenAutoFocus={(e) => {
              e.preventDefault();
              initialFocus(e.currentTarget as HTMLElement)?.focus();
            }}
            onCloseAutoFocus={(e) => {
              e.preventDefault();
              if (before?.isConnected) before.focus();
            }}
          >
            <div className="modal-head">
              <Dialog.Title>{title}</Dialog.Title>
              <Dialog.Close className="icon-btn modal-x" aria-label="Close">
                ×
              </Dialog.Close>
            </div>
            <div className="modal-body">{children}</div>
            {footer && <div className="modal-foot">{footer}</div>}
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
