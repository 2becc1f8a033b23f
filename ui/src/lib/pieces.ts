// A message whose inputs need an element of their own: a name in <bdi> (so right-to-left letters in
// it cannot reorder the words around it), a count in <strong>, a field in the middle of a label.
// The sentence stays one message, in its own language's word order; `pieces` says where each of
// those inputs landed in it, so the template can wrap each one without {@html}.

import { MARK } from './around';

export interface Piece<K extends string> {
  /** The message's own words, or the input's value. */
  text: string;
  /** Which input this piece is; `null` for the message's own words. */
  input: K | null;
}

/**
 * `message` with `inputs` put in, split into its own words and the inputs' places. Each input goes
 * into the message as a mark that still reads as its value as a number, so a count still chooses
 * its plural ("1 item", "2 items").
 */
export function pieces<K extends string>(
  message: (marks: Record<K, NonNullable<unknown>>) => string,
  inputs: Record<K, string | number>,
): Piece<K>[] {
  const keys = Object.keys(inputs) as K[];
  const marks = {} as Record<K, NonNullable<unknown>>;
  keys.forEach((key, i) => {
    marks[key] = { valueOf: () => inputs[key], toString: () => `${MARK}${i}${MARK}` };
  });
  return message(marks)
    .split(new RegExp(`${MARK}(\\d+)${MARK}`))
    .map((part, i): Piece<K> => {
      if (i % 2 === 0) return { text: part, input: null };
      const key = keys[Number(part)];
      return { text: String(inputs[key]), input: key };
    })
    .filter((p) => p.input !== null || p.text !== '');
}
