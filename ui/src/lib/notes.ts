// Notes as the chair typed them, split into blocks to draw as text: paragraphs (keeping line
// breaks), "- " or "* " bullet lists and "1. " numbered lists. Nothing here is ever HTML.

export type NoteBlock = { kind: 'text' | 'bullets' | 'numbers'; lines: string[] };

const BULLET = /^\s*[-*•]\s+/;
const NUMBER = /^\s*\d+[.)]\s+/;

export function noteBlocks(text: string): NoteBlock[] {
  const blocks: NoteBlock[] = [];
  for (const raw of text.split('\n')) {
    const kind = BULLET.test(raw) ? 'bullets' : NUMBER.test(raw) ? 'numbers' : raw.trim() ? 'text' : null;
    if (kind === null) {
      blocks.push({ kind: 'text', lines: [] });
      continue;
    }
    const line = kind === 'bullets' ? raw.replace(BULLET, '') : kind === 'numbers' ? raw.replace(NUMBER, '') : raw;
    const last = blocks[blocks.length - 1];
    if (last && last.kind === kind) last.lines.push(line);
    else blocks.push({ kind, lines: [line] });
  }
  return blocks.filter((b) => b.lines.length > 0);
}
