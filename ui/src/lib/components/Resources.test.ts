// The resources card: edited on the group page (every entry an intent to core, its refusal shown
// in its words), shown large at a meeting on its key and closed with Escape, always as text.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { expect, it } from 'vitest';

import type { Resource } from '../bindings/Resource';
import { backend, MARKUP, READS, tick } from '../testing';
import ResourcesEditor from './ResourcesEditor.svelte';
import ResourcesShown from './ResourcesShown.svelte';

const samaritans: Resource = { id: 'r1', name: 'Samaritans', contact: '116 123', note: '24 h' };
const markup: Resource = { id: 'r2', name: MARKUP, contact: '<b>555</b>', note: '' };

const type = (id: string, value: string) => fireEvent.input(document.getElementById(id)!, { target: { value } });

it('adds an entry with what was typed and draws the card core answers', async () => {
  const calls = backend(() => [samaritans, markup]);
  const { container } = render(ResourcesEditor, { props: { groupId: 'g1' } });
  await tick();
  expect(screen.getByText(/never a member's name or number/)).toBeTruthy();

  await type('resource-name', 'Samaritans');
  await type('resource-contact', '116 123');
  await type('resource-note', '24 h');
  await fireEvent.click(screen.getByRole('button', { name: 'Add to the card' }));
  await tick();

  expect(calls).toEqual([
    {
      cmd: 'save_resource',
      args: { groupId: 'g1', id: null, input: { name: 'Samaritans', contact: '116 123', note: '24 h' } },
    },
  ]);
  const list = screen.getByRole('list', { name: 'Entries on the resources card' });
  expect(list.textContent).toContain('116 123');
  expect(list.textContent).toContain(MARKUP);
  expect(container.querySelector('img, b')).toBeNull();
  expect((document.getElementById('resource-name') as HTMLInputElement).value).toBe('');
});

it("shows core's refusal of a member's name and keeps what was typed", async () => {
  backend(() => {
    throw {
      kind: 'invalid',
      message: "“Sam” is a person on this group's roster. The resources card lists organisations.",
    };
  });
  render(ResourcesEditor, { props: { groupId: 'g1' } });
  await type('resource-name', 'Sam');
  await type('resource-contact', '07700 900123');
  await fireEvent.click(screen.getByRole('button', { name: 'Add to the card' }));
  await tick();
  expect(screen.getByRole('alert').textContent).toContain("is a person on this group's roster");
  expect((document.getElementById('resource-name') as HTMLInputElement).value).toBe('Sam');
});

it('removes an entry only when asked twice', async () => {
  const calls = backend(() => [], { ...READS, resources: [samaritans] });
  render(ResourcesEditor, { props: { groupId: 'g1' } });
  await tick();
  await fireEvent.click(screen.getByRole('button', { name: 'Remove Samaritans' }));
  expect(calls).toEqual([]);
  expect(screen.getByText('Remove for good?')).toBeTruthy();
  await fireEvent.click(screen.getByRole('button', { name: 'Remove Samaritans' }));
  await tick();
  expect(calls).toEqual([{ cmd: 'remove_resource', args: { groupId: 'g1', id: 'r1' } }]);
});

it('shows the card large at a meeting on its key, and Escape gives the focus back', async () => {
  backend(() => null, { ...READS, resources: [samaritans, markup] });
  const { container } = render(ResourcesShown, { props: { groupId: 'g1' } });
  const button = screen.getByRole('button', { name: /Crisis lines and services/ });
  expect(button.querySelector('kbd')?.dataset.keys).toBe('Alt+L');
  button.focus();

  await fireEvent.keyDown(window, { key: 'l', code: 'KeyL', altKey: true });
  await tick();
  await tick();
  const shown = screen.getByRole('dialog', { name: 'If you need help now' });
  expect(shown.textContent).toContain('Samaritans');
  expect(shown.textContent).toContain('116 123');
  expect(shown.textContent).toContain('24 h');
  expect(shown.textContent).toContain(MARKUP);
  expect(container.querySelector('img, b')).toBeNull();
  expect(document.activeElement?.id).toBe('close-resources');

  await fireEvent.keyDown(window, { key: 'Escape' });
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(document.activeElement).toBe(button);
});
