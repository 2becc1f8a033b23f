import { describe, expect, it } from 'vitest';

import { contrastRatio, ROOM_COLOURS, THEMES } from './theme';

describe('the room display, read from the back of the room', () => {
  it('knows the contrast of black on white and of a colour on itself', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#1f6f7f', '#1f6f7f')).toBeCloseTo(1, 5);
  });

  for (const theme of THEMES) {
    it(`shows every state of the digits at 7:1 or more in the ${theme} theme`, () => {
      const c = ROOM_COLOURS[theme];
      for (const digits of [c.calm, c.wrap, c.over, c.text]) {
        expect(contrastRatio(digits, c.background), `${digits} on ${c.background}`).toBeGreaterThanOrEqual(7);
      }
    });
  }
});
