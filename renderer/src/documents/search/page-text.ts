import type { TextRange } from './match.ts';

/**
 * One page's text as search sees it: pdf.js text items joined in order (a
 * line break after items that end a line), with where each item starts and
 * ends, so a match maps back to the text layer's spans.
 */
export interface PageText {
  text: string;
  itemStarts: Int32Array;
  itemEnds: Int32Array;
}

/** The part of one text item a match covers, in offsets within that item. */
export interface ItemSegment {
  item: number;
  start: number;
  end: number;
}

/**
 * Builds a page's text from pdf.js text content items. Items without `str`
 * (marked-content markers) are skipped, exactly as pdf.js's TextLayer skips
 * them, so item numbers here are indices into `TextLayer.textDivs`.
 */
export function pageTextFromItems(items: readonly object[]): PageText {
  const starts: number[] = [];
  const ends: number[] = [];
  let text = '';
  for (const item of items) {
    if (!('str' in item) || typeof item.str !== 'string') continue;
    starts.push(text.length);
    text += item.str;
    ends.push(text.length);
    if ('hasEOL' in item && item.hasEOL) text += '\n';
  }
  return { text, itemStarts: Int32Array.from(starts), itemEnds: Int32Array.from(ends) };
}

/** Splits a match into the pieces of the text items it spans (separators between items are not in any item). */
export function itemSegments(pageText: PageText, range: TextRange): ItemSegment[] {
  const { itemStarts, itemEnds } = pageText;
  // Binary search for the first item ending after the match starts.
  let low = 0;
  let high = itemEnds.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((itemEnds[middle] as number) <= range.start) low = middle + 1;
    else high = middle;
  }
  const segments: ItemSegment[] = [];
  for (let item = low; item < itemStarts.length && (itemStarts[item] as number) < range.end; item += 1) {
    const itemStart = itemStarts[item] as number;
    const start = Math.max(range.start, itemStart) - itemStart;
    const end = Math.min(range.end, itemEnds[item] as number) - itemStart;
    if (end > start) segments.push({ item, start, end });
  }
  return segments;
}
