import type * as Y from 'yjs';

/**
 * Applies an edit of a plain input to a Y.Text as the smallest change
 * (common prefix and suffix kept), so concurrent edits by two secretaries
 * merge instead of overwriting each other.
 */
export function applyTextEdit(text: Y.Text, next: string): void {
  const previous = text.toString();
  if (previous === next) return;
  let start = 0;
  while (start < previous.length && start < next.length && previous[start] === next[start]) start += 1;
  let endPrevious = previous.length;
  let endNext = next.length;
  while (endPrevious > start && endNext > start && previous[endPrevious - 1] === next[endNext - 1]) {
    endPrevious -= 1;
    endNext -= 1;
  }
  text.doc?.transact(() => {
    if (endPrevious > start) text.delete(start, endPrevious - start);
    if (endNext > start) text.insert(start, next.slice(start, endNext));
  });
}
