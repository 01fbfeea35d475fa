import { useLayoutEffect, useRef } from 'react';
import * as Y from 'yjs';
import { applyTextEdit } from '../collab/text-binding.ts';

/**
 * A plain input bound to a Y.Text. The caret is remembered as a Yjs relative
 * position, so when another secretary's letters arrive the caret stays
 * beside the same letter instead of jumping to the end.
 */
export function CollabTitleInput({ text, value, label }: { text: Y.Text; value: string; label: string }) {
  const input = useRef<HTMLInputElement>(null);
  const caret = useRef<{ start: Y.RelativePosition; end: Y.RelativePosition } | null>(null);

  const rememberCaret = () => {
    const element = input.current;
    if (!element) return;
    caret.current = {
      start: Y.createRelativePositionFromTypeIndex(text, element.selectionStart ?? 0),
      end: Y.createRelativePositionFromTypeIndex(text, element.selectionEnd ?? 0),
    };
  };

  useLayoutEffect(() => {
    const element = input.current;
    if (!element || !text.doc || document.activeElement !== element || !caret.current) return;
    const start = Y.createAbsolutePositionFromRelativePosition(caret.current.start, text.doc);
    const end = Y.createAbsolutePositionFromRelativePosition(caret.current.end, text.doc);
    if (start && end) element.setSelectionRange(start.index, end.index);
  }, [value, text]);

  return (
    <input
      ref={input}
      className="prep-title-input"
      aria-label={label}
      value={value}
      maxLength={500}
      onChange={(event) => {
        applyTextEdit(text, event.target.value);
        rememberCaret();
      }}
      onSelect={rememberCaret}
    />
  );
}
