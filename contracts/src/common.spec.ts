import { describe, expect, it } from 'vitest';
import { formText } from './common';

describe('form text', () => {
  it('keeps line breaks in multi-line text and refuses NUL and other control characters', () => {
    const description = formText(2, 100, { multiline: true });
    expect(description.parse('  第一行\n第二行\t完  ')).toBe('第一行\n第二行\t完');
    expect(description.safeParse('有\u0000空字符').success).toBe(false);
    expect(description.safeParse('有\u001b转义').success).toBe(false);
    expect(formText(2, 100).safeParse('单行\n不行').success).toBe(false);
  });
});
