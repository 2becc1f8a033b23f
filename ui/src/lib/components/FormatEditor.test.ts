// The format editor and the service card in the chair's language: the templates come named in it
// (core is asked in that language), a format started from one is written in it, and every count
// reads as a sentence of that language.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, expect, it } from 'vitest';

import type { FormatChoice } from '../bindings/FormatChoice';
import type { Language } from '../bindings/Language';
import type { Template } from '../bindings/Template';
import { useLanguage } from '../i18n.svelte';
import { backend, group, READS, tick } from '../testing';
import FormatEditor from './FormatEditor.svelte';
import ServiceCard from './ServiceCard.svelte';

afterEach(() => useLanguage('en'));

const text = (id: string) => document.getElementById(id)!.textContent!.trim();
/** What is typed in the field labelled `label`. */
const titled = (label: string) => (document.querySelector(`[aria-label="${label}"]`) as HTMLInputElement).value;

const template = (language: Language): Template => ({
  id: 'peer-circle-60',
  name: language === 'es' ? 'Círculo de apoyo entre pares (60 minutos)' : 'Peer support circle (60 minutes)',
  lengthMin: 1,
  segments: [
    { title: language === 'es' ? 'Compartir' : 'Sharing', minutes: 1, script: null, readerId: null, sharing: true },
  ],
});

/** What core answers in `language`: the templates named in it, and the group's format once chosen. */
const choice = (language: Language, chosen = false): FormatChoice => ({
  format: chosen ? template(language) : null,
  templates: [template(language)],
});

it('asks for the templates in Spanish, starts the format in Spanish and counts its minutes in Spanish', async () => {
  useLanguage('es');
  // Core answers in the language it is asked in.
  const calls = backend(({ cmd, args }) => choice(args.language as Language, cmd === 'use_template'), {});
  const reads = () => calls.filter((c) => c.cmd === 'format_choice').map((c) => c.args.language);
  const intents = () => calls.filter((c) => c.cmd !== 'format_choice');
  render(FormatEditor, { props: { group: group() } });
  await tick();

  expect(reads()).toEqual(['es']);
  expect(text('format-title')).toBe('Formato de la reunión');
  expect(text('template')).toBe('Círculo de apoyo entre pares (60 minutos)');
  expect(screen.getByText(/Todavía no hay formato/)).toBeTruthy();

  expect(text('use-template')).toBe('Usar esta plantilla');
  await fireEvent.click(document.getElementById('use-template')!);
  await tick();
  expect(intents()).toEqual([
    { cmd: 'use_template', args: { groupId: 'g1', templateId: 'peer-circle-60', language: 'es' } },
  ]);
  expect(titled('Título de la parte 1')).toBe('Compartir');
  expect(screen.getByText('1 minuto en total.')).toBeTruthy();

  await fireEvent.click(screen.getByText('Agregar una parte'));
  expect(titled('Título de la parte 2')).toBe('Nueva parte');
  expect(screen.getByText('6 minutos en total.')).toBeTruthy();

  // Back in English: the templates are asked for again and named in English; the group's format,
  // its own words now, stays as it was written.
  useLanguage('en');
  await tick();
  await tick();
  expect(reads()).toEqual(['es', 'en']);
  expect(text('template')).toBe('Peer support circle (60 minutes)');
  expect(titled('Segment 1 title')).toBe('Compartir');
  expect(screen.getByText('6 minutes in all.')).toBeTruthy();
  expect(text('use-template')).toBe('Replace with this template');
});

it('draws the service card in Spanish and offers the usual positions in Spanish', async () => {
  useLanguage('es');
  const titles: string[] = [];
  backend(
    ({ args }) => {
      titles.push((args.input as { title: string }).title);
      return { positions: [], rota: [] };
    },
    { ...READS, service: { positions: [], rota: [] } },
  );
  render(ServiceCard, { props: { groupId: 'g1' } });
  await tick();

  expect(text('service-title')).toBe('Servicio');
  expect(screen.getByText('Todavía no hay cargos de servicio.')).toBeTruthy();
  expect(screen.getByText('Todavía no hay próximas reuniones que planear.')).toBeTruthy();
  expect(text('position-usual')).toBe(
    'Agregar los habituales: Coordinador/a, Secretario/a, Tesorero/a, Recepción, Literatura',
  );
  await fireEvent.click(document.getElementById('position-usual')!);
  await tick();
  expect(titles).toEqual(['Coordinador/a', 'Secretario/a', 'Tesorero/a', 'Recepción', 'Literatura']);
});
