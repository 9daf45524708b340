// How long an import took or has left, in the words the CLI and the Sources screen share.
import { describe, expect, it } from 'vitest';
import { roundTimeLeft, spanParts } from '../../shared/import-pace';

describe('import pace words', () => {
  it('says a short read to the tenth of a second and a long one in its two largest units', () => {
    expect(spanParts(0.43)).toEqual([[0.4, 'second']]);
    expect(spanParts(0.02)).toEqual([[0, 'second']]);
    expect(spanParts(9.96)).toEqual([[10, 'second']]);
    expect(spanParts(45.4)).toEqual([[45, 'second']]);
    expect(spanParts(252)).toEqual([[4, 'minute'], [12, 'second']]);
    expect(spanParts(600)).toEqual([[10, 'minute']]);
    expect(spanParts(4810)).toEqual([[1, 'hour'], [20, 'minute']]);
  });

  it('rounds the time left up, never promising less than it knows', () => {
    expect(roundTimeLeft(3)).toBe(10);
    expect(roundTimeLeft(41)).toBe(50);
    expect(roundTimeLeft(61)).toBe(120);
    expect(roundTimeLeft(3601)).toBe(4200);
  });
});
