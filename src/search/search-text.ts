// French text for the directory search: normalising, word splitting, stemming (Snowball, as
// PostgreSQL's french config), stop words, legal-form words, trigrams.
import { stemmer } from '@orama/stemmers/french';

/** Lower-case, without accents or ligatures, punctuation as single spaces. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export const words = (text: string): string[] => {
  const normal = normalize(text);
  return normal ? normal.split(' ') : [];
};

// PostgreSQL's french.stop (Snowball), unaccented; plus the elided articles ("l'atelier" gives "l").
const STOP_WORDS = new Set(
  'au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l a m n s t y ete etee etees etes etant etante etants etantes suis es est sommes sont serai seras sera serons serez seront serais serait serions seriez seraient etais etait etions etiez etaient fus fut fumes futes furent sois soit soyons soyez soient fusse fusses fut fussions fussiez fussent ayant ayante ayantes ayants eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient avais avait avions aviez avaient eut eumes eutes eurent aie aies ait ayons ayez aient eusse eusses eut eussions eussiez eussent'.split(
    ' ',
  ),
);

/** Words that name a legal form: they find cooperatives but do not decide the ranking. */
const LEGAL_FORM_WORDS = new Set([
  'scop',
  'scic',
  'sarl',
  'sas',
  'sa',
  'sasu',
  'coop',
  'cooperative',
  'cooperatives',
  'societe',
  'participative',
]);

export const isStopWord = (word: string) => STOP_WORDS.has(word);
export const isLegalFormWord = (word: string) => LEGAL_FORM_WORDS.has(word);

const stems = new Map<string, string>();
/** The Snowball French stem of a normalised word (memoised: the vocabulary is small). */
export function stem(word: string): string {
  let result = stems.get(word);
  if (result === undefined) {
    result = /^\d+$/.test(word) ? word : stemmer(word);
    if (stems.size < 200_000) stems.set(word, result);
  }
  return result;
}

/** The stems of a text, stop words left out. */
export function lexemes(text: string): string[] {
  return words(text)
    .filter((word) => !STOP_WORDS.has(word))
    .map(stem);
}

/** Distinct trigrams of a word run together ("data coop" and "datacoop" share them all). */
export function trigrams(compact: string): string[] {
  const padded = `  ${compact} `;
  const result = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) result.add(padded.slice(i, i + 3));
  return [...result];
}

export const compact = (normalized: string) => normalized.replaceAll(' ', '');
