// Highlights: the matched words of a hit's text fields wrapped in <mark>, the rest HTML-escaped, so
// a page can insert them as they are.
import type { TextMatch } from './search-matching.js';
import { normalize, stem } from './search-text.js';

const HIGHLIGHTED_FIELDS = [
  'name',
  'tradeNames',
  'acronym',
  'activity',
  'description',
  'communeName',
] as const;
export type HighlightField = (typeof HIGHLIGHTED_FIELDS)[number];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function matches(word: string, text: TextMatch): boolean {
  const normal = normalize(word);
  if (!normal) return false;
  const wordStem = stem(normal);
  if (text.stems.has(wordStem)) return true;
  if (text.compact && normal.replaceAll(' ', '').includes(text.compact)) return true;
  return text.prefixes.some((prefix) => normal.startsWith(prefix) || wordStem.startsWith(prefix));
}

/** The text with its matching words marked, or null when none match. */
export function highlight(value: string, text: TextMatch): string | null {
  let marked = false;
  // Words are runs of letters and digits (accents included); everything between is kept as is.
  const html = value.replace(/[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu, (part) => {
    if (/^[\p{L}\p{N}]/u.test(part) && matches(part, text)) {
      marked = true;
      return `<mark>${escapeHtml(part)}</mark>`;
    }
    return escapeHtml(part);
  });
  return marked ? html : null;
}

export function highlightFields(
  fields: Partial<Record<HighlightField, string | string[] | null | undefined>>,
  text: TextMatch,
) {
  const result: Partial<Record<HighlightField, string>> = {};
  for (const field of HIGHLIGHTED_FIELDS) {
    const value = fields[field];
    const joined = Array.isArray(value) ? value.join(', ') : value;
    if (!joined) continue;
    const html = highlight(joined, text);
    if (html) result[field] = html;
  }
  return result;
}
