import type { BusinessFilter } from './business.repository';

// 食品经营许可证编号: JY + 14 digits; a user typing its beginning means the licence, not a name.
const LICENCE_PREFIX = /^JY\d{0,14}$/i;

/** What the complaint form's search box means: a licence-number prefix, or part of a business name. */
export function searchTerm(q: string | undefined): Pick<BusinessFilter, 'licencePrefix' | 'namePart'> {
  const text = q?.trim();
  if (!text) return {};
  if (LICENCE_PREFIX.test(text)) return { licencePrefix: text.toUpperCase() };
  // Chinese has no case: plain LIKE is cheaper than ILIKE and gives the same answer.
  return { namePart: { text, caseInsensitive: /[a-z]/i.test(text) } };
}
