import { foldForSearch } from './fold.ts';

export interface SearchOptions {
  /** "dau" also finds "đầu", "dấu", "Đậu"… */
  ignoreDiacritics: boolean;
}

/** A half-open range [start, end) of UTF-16 offsets in a page's text. */
export interface TextRange {
  start: number;
  end: number;
}

const COMBINING_MARKS = '\\p{M}*';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The pattern of one query character. Text extracted from older Vietnamese
 * PDFs may be decomposed ("a" + U+0302 + U+0300 instead of "ầ"), so each
 * character also matches its decomposed spellings.
 */
function characterPattern(character: string): string {
  const decomposed = character.normalize('NFD');
  if (decomposed === character) return escapeRegExp(character);
  const spellings = new Set([character, decomposed]);
  const [base = '', ...marks] = [...decomposed];
  for (let count = 1; count < marks.length; count += 1) {
    spellings.add((base + marks.slice(0, count).join('')).normalize('NFC') + marks.slice(count).join(''));
  }
  return `(?:${[...spellings].map(escapeRegExp).join('|')})`;
}

/**
 * Compiles a query into a pattern over folded text (see foldForSearch):
 * case-insensitive, diacritic-insensitive when asked, any run of white space
 * in the query matching any run in the text (a phrase may wrap across
 * lines). Returns null for a blank query.
 */
export function compileQuery(query: string, options: SearchOptions): RegExp | null {
  const stripped = options.ignoreDiacritics ? query.normalize('NFD').replace(/\p{M}/gu, '') : query.normalize('NFC');
  const words = foldForSearch(stripped, options.ignoreDiacritics).split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  // Diacritic-insensitive: lone combining marks in decomposed text are skipped.
  const between = options.ignoreDiacritics ? COMBINING_MARKS : '';
  const wordPatterns = words.map((word) => [...word].map((character) => characterPattern(character) + between).join(''));
  return new RegExp(wordPatterns.join('\\s+'), 'gu');
}

/** Every non-overlapping match of a compiled query in already folded text. */
export function matchFolded(folded: string, pattern: RegExp): TextRange[] {
  const ranges: TextRange[] = [];
  for (const match of folded.matchAll(pattern)) {
    if (match[0].length > 0) ranges.push({ start: match.index, end: match.index + match[0].length });
  }
  return ranges;
}

/** Every match of a query in a text; the ranges are offsets into the original text. */
export function findMatches(text: string, query: string, options: SearchOptions): TextRange[] {
  const pattern = compileQuery(query, options);
  return pattern ? matchFolded(foldForSearch(text, options.ignoreDiacritics), pattern) : [];
}

/** A short excerpt around a match for the results list, cut at word boundaries, on one line. */
export function snippetAround(text: string, range: TextRange, radius = 40): { before: string; match: string; after: string } {
  const flat = (part: string) => part.replace(/\s+/g, ' ');
  let from = Math.max(0, range.start - radius);
  if (from > 0) {
    const cut = text.slice(from, range.start).search(/\s/);
    if (cut >= 0) from += cut + 1;
  }
  let to = Math.min(text.length, range.end + radius);
  if (to < text.length) {
    const tail = text.slice(range.end, to);
    const cut = Math.max(tail.lastIndexOf(' '), tail.lastIndexOf('\n'));
    if (cut > 0) to = range.end + cut;
  }
  return {
    before: (from > 0 ? '…' : '') + flat(text.slice(from, range.start)).trimStart(),
    match: flat(text.slice(range.start, range.end)),
    after: flat(text.slice(range.end, to)).trimEnd() + (to < text.length ? '…' : ''),
  };
}
