// A refusal from core reaches the chair in the chosen language: core sends a code and its inputs
// (an input may be a sentence of its own), and the catalogue says the sentence.
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { useLanguage } from '../i18n.svelte';
import Notice from '../components/Notice.svelte';
import { AppError } from './ipc';

afterEach(() => useLanguage('en'));

const noSuchPart = (count: number) =>
  new AppError({
    kind: 'invalid',
    message: `This format has ${count} parts; there is no part 5.`,
    code: 'no_such_part',
    params: { count, number: 5 },
  });

const notSaving = () =>
  new AppError({
    kind: 'not_saving',
    message:
      'Circlekeeper cannot save right now: the disk is full. What you just did was not saved, and nothing saved before it was lost. Free some space or make the data folder writable again, then try once more.',
    code: 'not_saving',
    params: {
      why: { code: 'refusal_full', message: 'the disk is full', params: {} },
      lost: {
        code: 'data_not_saved',
        message: 'What you just did was not saved, and nothing saved before it was lost.',
        params: {},
      },
      safe: {
        code: 'data_free_space',
        message: 'Free some space or make the data folder writable again, then try once more.',
        params: {},
      },
    },
  });

describe('a refusal from core, shown to the chair', () => {
  it('is said in Spanish, with the count in its plural', () => {
    useLanguage('es');
    render(Notice, { props: { message: noSuchPart(3).message, onDismiss: () => {} } });
    expect(screen.getByRole('alert').textContent).toContain('Este formato tiene 3 partes; no existe la parte 5.');
    expect(noSuchPart(1).message).toBe('Este formato tiene 1 parte; no existe la parte 5.');
  });

  it('says a sentence made of sentences whole, each part in the same language', () => {
    useLanguage('es');
    render(Notice, { props: { message: notSaving().message, onDismiss: () => {} } });
    expect(screen.getByRole('alert').textContent).toContain(
      'Circlekeeper no puede guardar ahora mismo: el disco está lleno. Lo que acabas de hacer no se guardó, y no se perdió nada de lo guardado antes. Libera espacio o vuelve a permitir escribir en la carpeta de datos y luego inténtalo otra vez.',
    );
  });

  it('is core’s own English in English, and follows a change of language while it is shown', () => {
    const error = notSaving();
    expect(error.message).toBe(
      'Circlekeeper cannot save right now: the disk is full. What you just did was not saved, and nothing saved before it was lost. Free some space or make the data folder writable again, then try once more.',
    );
    useLanguage('es');
    expect(error.message).toMatch(/^Circlekeeper no puede guardar ahora mismo: el disco está lleno\./);
  });

  it('keeps core’s words for a sentence without a code, and its kind and existing entry', () => {
    useLanguage('es');
    const error = new AppError({ kind: 'conflict', message: 'Something core has no code for yet.' });
    expect(error.message).toBe('Something core has no code for yet.');
    const duplicate = new AppError({
      kind: 'duplicate_person',
      message: "“Sam” is already on this group's roster. Use the existing entry instead.",
      code: 'duplicate_person',
      params: { name: 'Sam' },
      existingId: 'p1',
    });
    expect(duplicate.message).toBe('«Sam» ya está en la lista del grupo. Usa esa entrada en su lugar.');
    expect([duplicate.kind, duplicate.existingId]).toEqual(['duplicate_person', 'p1']);
  });
});
