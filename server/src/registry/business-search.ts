import type { BusinessFilter } from './business.repository';

// 食品经营许可证编号: JY + 14 digits; a user typing its beginning means the licence, not a name.
const LICENCE_PREFIX = /^JY\d{0,14}$/i;
const MAX_WORDS = 5;

/**
 * What the complaint form's search box means: a licence-number prefix, or words that must each appear in the
 * business's name or address ("面馆 老街": a noodle shop on 老街).
 */
export function searchTerm(q: string | undefined): Pick<BusinessFilter, 'licencePrefix' | 'words'> {
  const text = q?.trim();
  if (!text) return {};
  if (LICENCE_PREFIX.test(text)) return { licencePrefix: text.toUpperCase() };
  return { words: [...new Set(text.split(/\s+/))].slice(0, MAX_WORDS) };
}

/**
 * The key range holding every licence number that starts with `prefix` (JY + digits): `from` <= n < `to`.
 * Stated as a range, the prefix uses the unique B-tree under any collation, where LIKE 'JY1%' would need "C".
 */
export function licenceRange(prefix: string): { from: string; to: string } {
  const digits = prefix.slice(2).replace(/9+$/, '');
  if (digits === '') return { from: prefix, to: 'JZ' };
  const last = Number(digits.at(-1));
  return { from: prefix, to: `JY${digits.slice(0, -1)}${last + 1}` };
}

/** `%`, `_` and `\` typed by a user are literal characters, not wildcards. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Chinese has no case: only words with Latin letters need the (costlier) case-insensitive match. */
export const hasLatinLetters = (word: string) => /[a-z]/i.test(word);

/** Lower-cases ASCII letters only, as PostgreSQL's lower() does under the "C" collation. */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
