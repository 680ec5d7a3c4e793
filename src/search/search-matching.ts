// Text matching for the directory search: French stems with the last word as a prefix, words that
// name a legal form set aside, names run together or split ("datacoop" / "data coop"), SIREN/SIRET
// digits, and trigram similarity on names when full-text finds too little.
import type { DirectoryIndex } from './search-index.js';
import { compact, isLegalFormWord, isStopWord, normalize, stem, trigrams, words } from './search-text.js';

export type TextMatch = {
  /** Candidate rows (visible ones only), unordered. */
  rows: number[];
  score: Map<number, number>;
  /** What to highlight: exact stems, and prefixes of the unfinished last word. */
  stems: Set<string>;
  prefixes: string[];
  /** Rows found only by similarity (a typo), not by the words themselves. */
  fuzzy: Set<number>;
  /** A corrected query when the words themselves found nothing. */
  suggestion: string | null;
  /** The query's words run together ("eco pole" -> "ecopole"), to highlight a name written as one word. */
  compact: string;
};

type WordRows = { rows: number[]; score: Float32Array };

// Score of the best field a word is found in: name, trade name/acronym, activity, description/commune.
const FIELD_SCORE = [0.15, 0.3, 0.6, 1];
const EXACT_NAME = 1000;
const NAME_PREFIX = 500;
const RUN_TOGETHER = 0.9;
const FEW = 3;
const SIMILAR = 0.5;

export function matchText(index: DirectoryIndex, q: string, visible: (row: number) => boolean): TextMatch {
  const result: TextMatch = {
    rows: [],
    score: new Map(),
    stems: new Set(),
    prefixes: [],
    fuzzy: new Set(),
    suggestion: null,
    compact: '',
  };
  const digits = q.replace(/[\s.]/g, '');
  if (/^\d{9}$|^\d{14}$/.test(digits)) {
    const row = (digits.length === 9 ? index.sirens : index.sirets).get(digits);
    if (row !== undefined && visible(row)) {
      result.rows.push(row);
      result.score.set(row, EXACT_NAME);
    }
    return result;
  }

  let all = words(q);
  const unfinished = !/\s$/.test(q) && all.length > 0;
  // One or two letters typed: a prefix of most of the vocabulary. Alone, they mean "names starting
  // with"; after other words, they wait for the next keystroke.
  if (unfinished && all.at(-1)!.length <= 2) {
    if (all.length === 1) return namesStartingWith(index, all[0]!, visible, result);
    all = all.slice(0, -1);
  }
  let content = all.filter((word) => !isStopWord(word) && !isLegalFormWord(word));
  let legal = all.filter(isLegalFormWord);
  if (content.length === 0) [content, legal] = [legal, []];
  if (content.length === 0) return result;
  const lastWord = words(q).at(-1);

  // Each content word: the rows it is in, with the best field's score.
  const perWord: WordRows[] = content.map((word, i) => {
    const isPrefix = unfinished && i === content.length - 1 && word === lastWord;
    const terms = new Set<string>();
    const wordStem = stem(word);
    if (isPrefix && word.length >= 2) {
      for (const prefix of new Set([wordStem, word])) {
        result.prefixes.push(prefix);
        for (const term of index.termsWithPrefix(prefix)) terms.add(term);
      }
    } else {
      result.stems.add(wordStem);
      if (index.terms.has(wordStem)) terms.add(wordStem);
    }
    const score = new Float32Array(index.size);
    const rows: number[] = [];
    for (const term of terms) {
      for (const entry of index.terms.get(term)!) {
        const row = entry >> 2;
        const found = FIELD_SCORE[entry & 3]!;
        if (score[row] === 0) rows.push(row);
        if (score[row]! < found) score[row] = found;
      }
    }
    return { rows, score };
  });
  const legalRows = new Set<number>();
  for (const word of legal) for (const entry of index.terms.get(stem(word)) ?? []) legalRows.add(entry >> 2);

  const [smallest, ...others] = [...perWord].sort((a, b) => a.rows.length - b.rows.length);
  const queryName = content.join(' ');
  const queryCompact = compact(queryName);
  result.compact = queryCompact.length >= 4 ? queryCompact : '';
  for (const row of smallest!.rows) {
    if (!visible(row)) continue;
    let score = smallest!.score[row]!;
    let everyWord = true;
    for (const other of others) {
      const found = other.score[row]!;
      if (found === 0) {
        everyWord = false;
        break;
      }
      score += found;
    }
    if (!everyWord) continue;
    add(
      result,
      row,
      score + nameBonus(index, row, queryName, queryCompact) + (legalRows.has(row) ? 0.01 : 0),
    );
  }

  // Names run together or split: "eco pole" finds Écopôle, "datacoop" finds Data Coop.
  if (queryCompact.length >= 4) {
    for (const row of rowsContaining(index, queryCompact)) {
      if (visible(row) && !result.score.has(row))
        add(result, row, RUN_TOGETHER + nameBonus(index, row, queryName, queryCompact));
    }
  }

  if (result.rows.length < FEW) similarNames(index, content, queryCompact, visible, result);
  if (result.rows.length === result.fuzzy.size) result.suggestion = suggest(index, content, result);
  return result;
}

function namesStartingWith(
  index: DirectoryIndex,
  prefix: string,
  visible: (row: number) => boolean,
  result: TextMatch,
) {
  const order = index.byName;
  let low = 0;
  let high = order.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (index.nameNorm[order[mid]!]! < prefix) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < order.length && index.nameNorm[order[i]!]!.startsWith(prefix); i++) {
    if (visible(order[i]!)) add(result, order[i]!, NAME_PREFIX);
  }
  result.prefixes.push(prefix);
  return result;
}

function add(result: TextMatch, row: number, score: number) {
  if (!result.score.has(row)) result.rows.push(row);
  result.score.set(row, score);
}

/** Exact name first, then names starting with the query (legal-form words left out of both). */
function nameBonus(index: DirectoryIndex, row: number, queryName: string, queryCompact: string): number {
  const name = index.cleanName[row]!;
  const compactName = index.cleanCompact[row]!;
  if (name === queryName || compactName === queryCompact) return EXACT_NAME;
  if (name.startsWith(queryName) || compactName.startsWith(queryCompact)) return NAME_PREFIX;
  return 0;
}

/** Rows whose run-together name contains the text: the rarest of its trigrams, then a check. */
function rowsContaining(index: DirectoryIndex, text: string): number[] {
  const inner = trigrams(text).filter((t) => !t.startsWith(' ') && !t.endsWith(' '));
  let rarest: number[] | undefined;
  for (const trigram of inner) {
    const postings = index.nameTrigrams.get(trigram);
    if (!postings) return [];
    if (!rarest || postings.length < rarest.length) rarest = postings;
  }
  return (rarest ?? []).filter((row) => index.compactName[row]!.includes(text));
}

/** Typos: names sharing most of the query's trigrams, ranked by how well each query word finds a name word. */
function similarNames(
  index: DirectoryIndex,
  content: string[],
  queryCompact: string,
  visible: (row: number) => boolean,
  result: TextMatch,
) {
  const grams = trigrams(queryCompact);
  if (grams.length < 3) return;
  const shared = new Map<number, number>();
  for (const gram of grams) {
    for (const row of index.nameTrigrams.get(gram) ?? []) shared.set(row, (shared.get(row) ?? 0) + 1);
  }
  for (const [row, count] of shared) {
    if (count / grams.length < SIMILAR || result.score.has(row) || !visible(row)) continue;
    const nameWords = index.nameNorm[row]!.split(' ').filter(
      (word) => !isStopWord(word) && !isLegalFormWord(word),
    );
    let total = 0;
    for (const word of content) {
      let best = 0;
      for (const candidate of nameWords) best = Math.max(best, trigramSimilarity(word, candidate));
      total += best;
    }
    // Below every real match; the closest names first.
    add(result, row, 0.1 * (total / content.length));
    result.fuzzy.add(row);
  }
}

/** "menuserie" -> "menuiserie": each query word replaced by the closest word of the best similar name. */
function suggest(index: DirectoryIndex, content: string[], result: TextMatch): string | null {
  let best: number | undefined;
  for (const row of result.fuzzy)
    if (best === undefined || result.score.get(row)! > result.score.get(best)!) best = row;
  if (best === undefined) return null;
  const nameWords = normalize(index.nameNorm[best]!).split(' ');
  const corrected = content.map((word) => {
    let choice = word;
    let bestSimilarity = 0;
    for (const candidate of nameWords) {
      const similarity = trigramSimilarity(word, candidate);
      if (similarity > bestSimilarity) [choice, bestSimilarity] = [candidate, similarity];
    }
    return bestSimilarity >= 0.3 ? choice : word;
  });
  const suggestion = corrected.join(' ');
  return suggestion === content.join(' ') ? null : suggestion;
}

function trigramSimilarity(a: string, b: string): number {
  const x = new Set(trigrams(a));
  const y = trigrams(b);
  const common = y.filter((t) => x.has(t)).length;
  return common / (x.size + y.length - common);
}
