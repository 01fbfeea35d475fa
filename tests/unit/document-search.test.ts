import { describe, expect, it } from 'vitest';
import { foldCase, foldDiacritics, foldForSearch } from '../../renderer/src/documents/search/fold.ts';
import { compileQuery, findMatches, snippetAround } from '../../renderer/src/documents/search/match.ts';
import { itemSegments, pageTextFromItems } from '../../renderer/src/documents/search/page-text.ts';

const IGNORE = { ignoreDiacritics: true };
const EXACT = { ignoreDiacritics: false };
/** Every Vietnamese letter with a diacritic, both cases. */
const VIETNAMESE_LETTERS =
  'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ' +
  'ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ';
const SENTENCE = 'Tổng vốn ĐẦU TƯ toàn xã hội tăng 11,5%; giải ngân vốn đầu tư công còn chậm.';

/** The original text a match covers. */
const matched = (text: string, query: string, options: { ignoreDiacritics: boolean }) =>
  findMatches(text, query, options).map((range) => text.slice(range.start, range.end));

describe('folding Vietnamese text for search', () => {
  it('strips every Vietnamese diacritic down to a plain lower-case letter', () => {
    const folded = foldDiacritics(VIETNAMESE_LETTERS);
    expect(folded).toMatch(/^[aeiouyd]+$/);
    expect(foldDiacritics('Đầu tư, Ưu tiên, Ỷ LẠI')).toBe('dau tu, uu tien, y lai');
  });

  it('turns đ and Đ (and the look-alike Ð) into d', () => {
    expect(foldDiacritics('đĐÐ')).toBe('ddd');
    expect(foldCase('Đ')).toBe('đ');
  });

  it('keeps one character for each character, so offsets in folded text are offsets in the original', () => {
    for (const text of [VIETNAMESE_LETTERS, SENTENCE, 'İstanbul ǅ ß ﬁ 😀 a\u0302\u0300']) {
      expect(foldDiacritics(text)).toHaveLength(text.length);
      expect(foldCase(text)).toHaveLength(text.length);
    }
  });

  it('only lower-cases when diacritics matter', () => {
    expect(foldForSearch('ĐẦU Tư', false)).toBe('đầu tư');
    expect(foldForSearch('ĐẦU Tư', true)).toBe('dau tu');
  });
});

describe('matching a query in a page’s text', () => {
  it('finds "dau" in "đầu" only when diacritics are ignored', () => {
    expect(matched(SENTENCE, 'dau', IGNORE)).toEqual(['ĐẦU', 'đầu']);
    expect(matched(SENTENCE, 'dau', EXACT)).toEqual([]);
  });

  it('with diacritics ignored, "dau" finds every spelling: đầu, Đầu, dấu, dâu, dầu, đậu', () => {
    const text = 'đầu Đầu dấu dâu dầu đậu dao';
    expect(matched(text, 'dau', IGNORE)).toEqual(['đầu', 'Đầu', 'dấu', 'dâu', 'dầu', 'đậu']);
  });

  it('with diacritics respected, "đầu" does not find "dấu" or "dầu"', () => {
    expect(matched('đầu dấu dầu ĐẦU', 'đầu', EXACT)).toEqual(['đầu', 'ĐẦU']);
  });

  it('ignores case whatever the toggle', () => {
    expect(matched(SENTENCE, 'ĐẦU TƯ', EXACT)).toEqual(['ĐẦU TƯ', 'đầu tư']);
    expect(matched(SENTENCE, 'Đầu Tư', IGNORE)).toEqual(['ĐẦU TƯ', 'đầu tư']);
  });

  it('maps match offsets back to the original text', () => {
    const ranges = findMatches(SENTENCE, 'dau tu cong', IGNORE);
    expect(ranges).toHaveLength(1);
    const [range] = ranges;
    expect(SENTENCE.slice(range?.start, range?.end)).toBe('đầu tư công');
    expect(range?.start).toBe(SENTENCE.indexOf('đầu tư công'));
  });

  it('matches a phrase across a line break and extra spaces', () => {
    const text = 'tổng vốn đầu\ntư toàn xã hội';
    expect(matched(text, 'đầu tư', EXACT)).toEqual(['đầu\ntư']);
    expect(matched(text, '  dau    tu ', IGNORE)).toEqual(['đầu\ntư']);
  });

  it('treats a multi-word query as a phrase, words in order', () => {
    expect(matched('đầu tư công; công đầu tư', 'đầu tư công', EXACT)).toEqual(['đầu tư công']);
  });

  it('finds nothing for an empty or blank query', () => {
    expect(compileQuery('', EXACT)).toBeNull();
    expect(compileQuery('  \n ', IGNORE)).toBeNull();
    expect(findMatches(SENTENCE, '', IGNORE)).toEqual([]);
  });

  it('takes regular-expression characters literally', () => {
    expect(matched('tăng 11,5%; (dự thảo) a.b', '11,5%;', EXACT)).toEqual(['11,5%;']);
    expect(matched('tăng 11,5%; (dự thảo) a.b', '(du thao)', IGNORE)).toEqual(['(dự thảo)']);
    expect(matched('axb a.b', 'a.b', EXACT)).toEqual(['a.b']);
  });

  it('finds decomposed text (combining marks, as older Vietnamese PDFs store it)', () => {
    const decomposed = 'đa\u0302\u0300u tư';
    expect(matched(decomposed, 'đầu tư', EXACT)).toEqual([decomposed]);
    expect(matched(decomposed, 'dau tu', IGNORE)).toEqual([decomposed]);
    expect(matched('đầu tư', 'đa\u0302\u0300u', EXACT)).toEqual(['đầu']);
  });
});

describe('page text from pdf.js text items', () => {
  const items = [
    { str: 'Tổng vốn đầu', hasEOL: true },
    { type: 'beginMarkedContent' },
    { str: 'tư toàn xã hội', hasEOL: false },
    { str: ' ', hasEOL: false },
    { str: 'tăng 11,5%.', hasEOL: true },
  ];

  it('joins the items, a line break after each line, and skips marked-content markers', () => {
    const pageText = pageTextFromItems(items);
    expect(pageText.text).toBe('Tổng vốn đầu\ntư toàn xã hội tăng 11,5%.\n');
    expect([...pageText.itemStarts]).toEqual([0, 13, 27, 28]);
  });

  it('splits a match into the pieces of the spans it covers', () => {
    const pageText = pageTextFromItems(items);
    const [range] = findMatches(pageText.text, 'dau tu', IGNORE);
    expect(range).toBeDefined();
    if (!range) return;
    expect(itemSegments(pageText, range)).toEqual([
      { item: 0, start: 9, end: 12 },
      { item: 1, start: 0, end: 2 },
    ]);
  });

  it('gives a one-line snippet around a match', () => {
    const pageText = pageTextFromItems(items);
    const [range] = findMatches(pageText.text, 'toan xa', IGNORE);
    if (!range) throw new Error('no match');
    const snippet = snippetAround(pageText.text, range, 12);
    expect(snippet.match).toBe('toàn xã');
    expect(`${snippet.before}[${snippet.match}]${snippet.after}`).toBe('…vốn đầu tư [toàn xã] hội tăng…');
  });
});
