/**
 * Where each value of a JSON document starts, by JSON path (`tracks[0].indicators[2]`), so that
 * scheme problems can name a line in the file as well as the path.
 */
import { formatPath } from '../../shared/validate-scheme.ts';
import { lineColumn } from './jsonc.ts';

/** Offsets of every value by path. `text` must be valid JSON (comments already blanked). */
export function jsonValueOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const path: Array<string | number> = [];
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const str = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): void => {
    ws();
    out.set(formatPath(path), i);
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      while (text[i] !== '}' && i < text.length) {
        const key = str();
        ws();
        i++; // ':'
        path.push(key);
        value();
        path.pop();
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (c === '[') {
      i++;
      ws();
      let k = 0;
      while (text[i] !== ']' && i < text.length) {
        path.push(k++);
        value();
        path.pop();
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (c === '"') str();
    else while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
  };
  value();
  return out;
}

/** 1-based line of the value at `path`, or of its nearest ancestor present in the file. */
export function lineOfPath(text: string, offsets: Map<string, number>, path: string): number | null {
  let p = path;
  for (;;) {
    const at = offsets.get(p);
    if (at !== undefined) return lineColumn(text, at).line;
    const shorter = p.replace(/(\.[^.[\]]+|\[[^\]]*\])$/, '');
    if (shorter === p || !shorter) return p === '$' ? null : (offsets.has('$') ? lineColumn(text, offsets.get('$')!).line : null);
    p = shorter;
  }
}
