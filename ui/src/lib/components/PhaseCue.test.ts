import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';

import { useLanguage } from '../i18n.svelte';
import PhaseCue from './PhaseCue.svelte';

describe("the share timer's cue, for the chair who cannot see its colour", () => {
  it('says nothing while the share is calm, then each cue once, in words', async () => {
    const { container, rerender } = render(PhaseCue, { phase: 'calm' });
    const cue = container.querySelector('.cue')!;
    expect(cue.getAttribute('aria-live')).toBe('polite');
    expect(cue.textContent).toBe('');
    await rerender({ phase: 'wrapUp' });
    expect(cue.textContent).toBe('Time to wrap up');
    await rerender({ phase: 'overtime' });
    expect(cue.textContent).toBe('Time is up');
  });

  it('speaks Spanish when the chair has chosen it', async () => {
    useLanguage('es');
    try {
      const { container } = render(PhaseCue, { phase: 'overtime' });
      expect(container.querySelector('.cue')!.textContent).toBe('Se acabó el tiempo');
    } finally {
      useLanguage('en');
    }
  });
});
