import { describe, expect, it } from 'vitest';
import { asciiLower, hasLatinLetters, licenceRange, likeContains, searchTerm } from './business-search';

describe('business search term', () => {
  it('nothing typed: no filter', () => {
    expect(searchTerm(undefined)).toEqual({});
    expect(searchTerm('  ')).toEqual({});
  });
  it('a licence number or its beginning, in any case, is a licence prefix', () => {
    expect(searchTerm('JY1')).toEqual({ licencePrefix: 'JY1' });
    expect(searchTerm('jy13201')).toEqual({ licencePrefix: 'JY13201' });
    expect(searchTerm('JY13201020000001')).toEqual({ licencePrefix: 'JY13201020000001' });
  });
  it('anything else is words to find in the name or address', () => {
    expect(searchTerm('面馆')).toEqual({ words: ['面馆'] });
    expect(searchTerm(' 面馆   老街 面馆 ')).toEqual({ words: ['面馆', '老街'] });
    expect(searchTerm('KFC')).toEqual({ words: ['KFC'] });
  });
  it('at most five words', () => {
    expect(searchTerm('a b c d e f g').words).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
  it('more than 14 digits after JY is not a licence number', () => {
    expect(searchTerm('JY123456789012345')).toEqual({ words: ['JY123456789012345'] });
  });
});

describe('licence number range', () => {
  it('covers exactly the numbers starting with the prefix', () => {
    expect(licenceRange('JY1320')).toEqual({ from: 'JY1320', to: 'JY1321' });
    expect(licenceRange('JY1329')).toEqual({ from: 'JY1329', to: 'JY133' });
    expect(licenceRange('JY1399')).toEqual({ from: 'JY1399', to: 'JY14' });
    expect(licenceRange('JY')).toEqual({ from: 'JY', to: 'JZ' });
    expect(licenceRange('JY999')).toEqual({ from: 'JY999', to: 'JZ' });
  });
  it('every full licence number with the prefix lies inside, its neighbours outside', () => {
    const { from, to } = licenceRange('JY1329');
    const inside = (n: string) => n >= from && n < to;
    expect(inside('JY13290000000000')).toBe(true);
    expect(inside('JY13299999999999')).toBe(true);
    expect(inside('JY13289999999999')).toBe(false);
    expect(inside('JY13300000000000')).toBe(false);
  });
});

describe('LIKE pattern', () => {
  it('escapes wildcards typed by the user', () => {
    expect(likeContains('100%')).toBe('%100\\%%');
    expect(likeContains('a_b\\c')).toBe('%a\\_b\\\\c%');
  });
  it('only words with Latin letters need case folding', () => {
    expect(hasLatinLetters('KFC东湖')).toBe(true);
    expect(hasLatinLetters('东湖 108')).toBe(false);
  });
  it('lower-cases only ASCII letters', () => {
    expect(asciiLower('KFC 东湖店 Ä')).toBe('kfc 东湖店 Ä');
  });
});
