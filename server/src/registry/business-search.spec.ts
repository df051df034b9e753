import { describe, expect, it } from 'vitest';
import { searchTerm } from './business-search';

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
  it('a Chinese name part is matched exactly, without case folding', () => {
    expect(searchTerm('面馆')).toEqual({ namePart: { text: '面馆', caseInsensitive: false } });
  });
  it('a name with Latin letters is matched case-insensitively', () => {
    expect(searchTerm('KFC')).toEqual({ namePart: { text: 'KFC', caseInsensitive: true } });
    expect(searchTerm('jy 面馆')).toEqual({ namePart: { text: 'jy 面馆', caseInsensitive: true } });
  });
  it('more than 14 digits after JY is not a licence number: searched as a name', () => {
    expect(searchTerm('JY123456789012345')).toEqual({ namePart: { text: 'JY123456789012345', caseInsensitive: true } });
  });
});
