import type { TextLayer } from 'pdfjs-dist';
import type { TextRange } from '../search/match.ts';
import { itemSegments, type PageText } from '../search/page-text.ts';

/** Text spans of each layer currently split into highlights, to restore them on the next paint. */
const painted = new WeakMap<TextLayer, Set<number>>();

/**
 * Marks search matches in a rendered pdf.js text layer by splitting the
 * spans they cover into plain text and `.highlight` spans (the selected
 * match also gets `.selected`). Span widths do not change, so the layer
 * stays aligned with the canvas. Returns the selected match's first span.
 */
export function paintHighlights(layer: TextLayer, pageText: PageText, matches: readonly TextRange[], selected: number | null): HTMLElement | null {
  const divs = layer.textDivs;
  const strings = layer.textContentItemsStr;
  for (const item of painted.get(layer) ?? []) {
    const div = divs[item];
    if (div) div.textContent = strings[item] ?? '';
  }
  const pieces = new Map<number, { start: number; end: number; selected: boolean }[]>();
  matches.forEach((match, index) => {
    for (const segment of itemSegments(pageText, match)) {
      const list = pieces.get(segment.item) ?? [];
      list.push({ start: segment.start, end: segment.end, selected: index === selected });
      pieces.set(segment.item, list);
    }
  });
  let selectedSpan: HTMLElement | null = null;
  for (const [item, list] of pieces) {
    const div = divs[item];
    const text = strings[item];
    if (!div || text === undefined) continue;
    const fragment = document.createDocumentFragment();
    let at = 0;
    for (const piece of list.sort((first, second) => first.start - second.start)) {
      if (piece.start < at) continue;
      if (piece.start > at) fragment.append(text.slice(at, piece.start));
      const span = document.createElement('span');
      span.className = piece.selected ? 'highlight selected' : 'highlight';
      span.textContent = text.slice(piece.start, piece.end);
      fragment.append(span);
      if (piece.selected) selectedSpan ??= span;
      at = piece.end;
    }
    if (at < text.length) fragment.append(text.slice(at));
    div.replaceChildren(fragment);
  }
  painted.set(layer, new Set(pieces.keys()));
  return selectedSpan;
}
