/**
 * Folding for search: every UTF-16 code unit of the input becomes exactly one
 * code unit of the output, so an offset found in folded text is the same
 * offset in the original (and in pdf.js's text items, for highlighting).
 */

const caseCache = new Map<string, string>();
const diacriticCache = new Map<string, string>();

/** One code unit lower-cased, or itself where lower-casing would change the length (e.g. "İ"). */
function lowerUnit(unit: string): string {
  let folded = caseCache.get(unit);
  if (folded === undefined) {
    const lower = unit.toLowerCase();
    folded = lower.length === 1 ? lower : unit;
    caseCache.set(unit, folded);
  }
  return folded;
}

/**
 * One code unit without its diacritics: đ/Đ (and the look-alike Ð/ð typed by
 * some Vietnamese keyboards) become "d"; precomposed letters become their
 * NFD base letter ("ầ" → "a", "Ư" → "u"). A lone combining mark stays as it
 * is; the matcher skips it.
 */
function baseUnit(unit: string): string {
  let folded = diacriticCache.get(unit);
  if (folded === undefined) {
    const lower = lowerUnit(unit);
    if (lower === 'đ' || lower === 'ð') folded = 'd';
    else folded = lower.normalize('NFD')[0] ?? lower;
    diacriticCache.set(unit, folded);
  }
  return folded;
}

/** Lower-cases text, one code unit for one code unit. */
export function foldCase(text: string): string {
  let folded = '';
  for (let index = 0; index < text.length; index += 1) folded += lowerUnit(text[index] as string);
  return folded;
}

/**
 * Lower-cases text and strips Vietnamese diacritics ("Đầu tư" → "dau tu"),
 * one code unit for one code unit.
 */
export function foldDiacritics(text: string): string {
  let folded = '';
  for (let index = 0; index < text.length; index += 1) folded += baseUnit(text[index] as string);
  return folded;
}

/** The folding a search uses: always case-insensitive, diacritic-insensitive on request. */
export function foldForSearch(text: string, ignoreDiacritics: boolean): string {
  return ignoreDiacritics ? foldDiacritics(text) : foldCase(text);
}
