// The service card as the chair works it: positions and the chairing rota are drawn as plain
// text, and every change is an intent to core whose new answer is drawn.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { expect, it } from 'vitest';

import type { Position } from '../bindings/Position';
import type { Service } from '../bindings/Service';
import { longDate } from '../format';
import { backend, MARKUP, READS, tick } from '../testing';
import ServiceCard from './ServiceCard.svelte';

const chair: Position = {
  id: 'pos-chair',
  title: 'Chair',
  holder: 'Robin',
  alternate: 'Alex',
  termEnds: '2026-12-01',
  termEnding: true,
};
const treasurer: Position = {
  id: 'pos-treasurer',
  title: 'Treasurer',
  holder: MARKUP,
  alternate: '',
  termEnds: null,
  termEnding: false,
};

function service(over: Partial<Service> = {}): Service {
  return {
    positions: [chair, treasurer],
    rota: [
      { date: '2026-11-24', chair: MARKUP },
      { date: '2026-12-01', chair: null },
    ],
    ...over,
  };
}

const input = (id: string) => document.getElementById(id) as HTMLInputElement;
const rowOf = (text: string) => screen.getByText(text).closest('tr')!;

it('draws positions and the rota as plain text', async () => {
  backend(() => null, { ...READS, service: service() });
  const { container } = render(ServiceCard, { props: { groupId: 'g1' } });
  await tick();

  expect(rowOf('Chair').textContent).toContain('Robin');
  expect(rowOf('Chair').textContent).toContain('term ending');
  expect(rowOf('Treasurer').textContent).toContain(MARKUP);
  expect(rowOf('Treasurer').textContent).not.toContain('term ending');
  const rota = document.getElementById('rota')!;
  expect(rota.children[0].textContent).toContain(MARKUP);
  expect(rota.children[1].textContent).toContain('no one yet');
  expect(input('rota-2026-11-24').value).toBe(MARKUP);
  expect(container.querySelector('img')).toBeNull();
});

it('adds a position with what was typed', async () => {
  const added: Position = {
    id: 'pos-greeter',
    title: 'Greeter',
    holder: 'Sam',
    alternate: 'Jo',
    termEnds: '2027-03-31',
    termEnding: false,
  };
  const calls = backend(() => service({ positions: [chair, treasurer, added] }), { ...READS, service: service() });
  render(ServiceCard, { props: { groupId: 'g1' } });
  await tick();

  await fireEvent.input(input('position-title'), { target: { value: 'Greeter' } });
  await fireEvent.input(input('position-holder'), { target: { value: 'Sam' } });
  await fireEvent.input(input('position-alternate'), { target: { value: 'Jo' } });
  await fireEvent.input(input('position-term-ends'), { target: { value: '2027-03-31' } });
  await fireEvent.click(input('position-add'));
  await tick();

  expect(calls).toEqual([
    {
      cmd: 'save_position',
      args: {
        groupId: 'g1',
        id: null,
        input: { title: 'Greeter', holder: 'Sam', alternate: 'Jo', termEnds: '2027-03-31' },
      },
    },
  ]);
  expect(rowOf('Greeter').textContent).toContain('Sam');
  expect(input('position-title').value).toBe('');
});

it('shows a refusal in plain words and keeps what was typed', async () => {
  const message = 'This group already has a position called Chair.';
  backend(
    () => {
      throw { kind: 'invalid', message };
    },
    { ...READS, service: service() },
  );
  render(ServiceCard, { props: { groupId: 'g1' } });
  await tick();

  await fireEvent.input(input('position-title'), { target: { value: 'Chair' } });
  await fireEvent.input(input('position-holder'), { target: { value: 'Kim' } });
  await fireEvent.click(input('position-add'));
  await tick();

  expect(screen.getByRole('alert').textContent).toContain(message);
  expect(input('position-title').value).toBe('Chair');
  expect(input('position-holder').value).toBe('Kim');
});

it('sets and clears who chairs a date', async () => {
  const calls = backend(
    ({ args }) =>
      service({
        rota: [
          { date: '2026-11-24', chair: MARKUP },
          { date: '2026-12-01', chair: (args.chair as string | null) ?? null },
        ],
      }),
    { ...READS, service: service() },
  );
  render(ServiceCard, { props: { groupId: 'g1' } });
  await tick();

  await fireEvent.input(input('rota-2026-12-01'), { target: { value: 'Robin' } });
  await fireEvent.click(screen.getByRole('button', { name: `Save the chair for ${longDate('2026-12-01')}` }));
  await tick();
  expect(document.getElementById('rota')!.children[1].textContent).toContain('Robin');

  await fireEvent.click(screen.getByRole('button', { name: `Clear the chair for ${longDate('2026-12-01')}` }));
  await tick();

  expect(calls).toEqual([
    { cmd: 'set_rota', args: { groupId: 'g1', date: '2026-12-01', chair: 'Robin' } },
    { cmd: 'set_rota', args: { groupId: 'g1', date: '2026-12-01', chair: null } },
  ]);
  expect(document.getElementById('rota')!.children[1].textContent).toContain('no one yet');
  expect(input('rota-2026-12-01').value).toBe('');
});

it('edits a row in place and asks once more before removing', async () => {
  const calls = backend(
    ({ cmd }) =>
      cmd === 'remove_position'
        ? service({ positions: [chair] })
        : service({ positions: [{ ...chair, holder: 'Kim' }, treasurer] }),
    { ...READS, service: service() },
  );
  render(ServiceCard, { props: { groupId: 'g1' } });
  await tick();

  await fireEvent.click(screen.getByRole('button', { name: 'Edit Chair' }));
  const holder = screen.getByRole('textbox', { name: 'Holder' }) as HTMLInputElement;
  expect(holder.value).toBe('Robin');
  await fireEvent.input(holder, { target: { value: 'Kim' } });
  await fireEvent.keyDown(holder, { key: 'Enter' });
  await tick();
  expect(rowOf('Chair').textContent).toContain('Kim');

  await fireEvent.click(screen.getByRole('button', { name: 'Remove Treasurer' }));
  expect(calls.length).toBe(1);
  await fireEvent.click(screen.getByRole('button', { name: 'Really remove Treasurer?' }));
  await tick();

  expect(calls).toEqual([
    {
      cmd: 'save_position',
      args: {
        groupId: 'g1',
        id: 'pos-chair',
        input: { title: 'Chair', holder: 'Kim', alternate: 'Alex', termEnds: '2026-12-01' },
      },
    },
    { cmd: 'remove_position', args: { groupId: 'g1', id: 'pos-treasurer' } },
  ]);
  expect(screen.queryByText('Treasurer')).toBeNull();
});

it('offers the usual positions to a group that has none', async () => {
  const titles: string[] = [];
  const calls = backend(
    ({ args }) => {
      titles.push((args.input as { title: string }).title);
      return service({
        positions: titles.map((t) => ({
          id: t,
          title: t,
          holder: '',
          alternate: '',
          termEnds: null,
          termEnding: false,
        })),
      });
    },
    { ...READS, service: service({ positions: [] }) },
  );
  render(ServiceCard, { props: { groupId: 'g1' } });
  await tick();

  await fireEvent.click(document.getElementById('position-usual')!);
  await tick();

  expect(calls.map((c) => c.args)).toEqual(
    ['Chair', 'Secretary', 'Treasurer', 'Greeter', 'Literature'].map((title) => ({
      groupId: 'g1',
      id: null,
      input: { title, holder: '', alternate: '', termEnds: null },
    })),
  );
  expect(document.getElementById('positions')!.querySelectorAll('tbody tr').length).toBe(5);
});

it('keeps what is typed in one rota line while another line is saved', async () => {
  backend(
    ({ args }) =>
      service({
        rota: [
          { date: '2026-11-24', chair: MARKUP },
          { date: '2026-12-01', chair: args.chair as string },
        ],
      }),
    { ...READS, service: service() },
  );
  render(ServiceCard, { props: { groupId: 'g1' } });
  await tick();

  await fireEvent.input(input('rota-2026-11-24'), { target: { value: 'Sam' } });
  await fireEvent.input(input('rota-2026-12-01'), { target: { value: 'Robin' } });
  await fireEvent.click(screen.getByRole('button', { name: `Save the chair for ${longDate('2026-12-01')}` }));
  await tick();

  expect(input('rota-2026-11-24').value).toBe('Sam');
  expect(input('rota-2026-12-01').value).toBe('Robin');
});
