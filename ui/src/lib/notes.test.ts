import { describe, expect, it } from 'vitest';

import { noteBlocks } from './notes';

describe('a chair’s notes', () => {
  it('keep paragraphs, line breaks and lists', () => {
    const notes =
      'Key is with the caretaker.\nCall first.\n\n- Read the announcement\n- Buy keytags\n1. Open\n2. Close';
    expect(noteBlocks(notes)).toEqual([
      { kind: 'text', lines: ['Key is with the caretaker.', 'Call first.'] },
      { kind: 'bullets', lines: ['Read the announcement', 'Buy keytags'] },
      { kind: 'numbers', lines: ['Open', 'Close'] },
    ]);
  });

  it('keep markup as the characters typed', () => {
    expect(noteBlocks('<b>hi</b>')).toEqual([{ kind: 'text', lines: ['<b>hi</b>'] }]);
  });
});
