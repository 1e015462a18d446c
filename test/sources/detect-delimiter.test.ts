import { describe, expect, it } from 'vitest';
import { detectDelimiter, firstLine } from '../../src/sources/detect-delimiter.js';

describe('detectDelimiter', () => {
  it('counts only delimiters outside quotes', () => {
    expect(detectDelimiter('"Name, first, middle";last_name;email')).toBe(';');
    expect(detectDelimiter('"a;b;c",d,e')).toBe(',');
  });
  it('prefers tabs when they dominate, and falls back to "," for one column or a tie', () => {
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('email')).toBe(',');
    expect(detectDelimiter('a;b,c')).toBe(',');
  });
});

describe('firstLine', () => {
  it('stops at the first CR or LF outside quotes', () => {
    expect(firstLine('"a\nb",c\r\n1,2')).toBe('"a\nb",c');
    expect(firstLine('a;b')).toBe('a;b');
  });
});
