/**
 * JSON with comments (JSONC), as the example scheme is written: `//` and `/* *\/` comments and
 * trailing commas are blanked out (strings are left alone) so that positions, and so line
 * numbers in error messages, stay those of the original text.
 */

/** The text with comments and trailing commas replaced by spaces (newlines kept). */
export function stripJsonComments(text: string): string {
  const out = text.split('');
  let i = 0;
  const n = text.length;
  let lastComma = -1; // index of a comma that may turn out to be trailing
  while (i < n) {
    const c = text[i]!;
    if (c === '"') {
      lastComma = -1;
      i++;
      while (i < n && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') out[i++] = ' ';
    } else if (c === '/' && text[i + 1] === '*') {
      out[i++] = ' ';
      out[i++] = ' ';
      while (i < n && !(text[i] === '*' && text[i + 1] === '/')) {
        if (text[i] !== '\n' && text[i] !== '\r') out[i] = ' ';
        i++;
      }
      if (i < n) {
        out[i++] = ' ';
        out[i++] = ' ';
      }
    } else {
      if (c === ',') lastComma = i;
      else if (c === '}' || c === ']') {
        if (lastComma >= 0) out[lastComma] = ' ';
        lastComma = -1;
      } else if (!/\s/.test(c)) lastComma = -1;
      i++;
    }
  }
  return out.join('');
}

export interface JsonError {
  line: number;
  column: number;
  message: string;
}

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses JSONC; a syntax error comes back with its line and column instead of throwing. */
/** `text` in a success is the JSON with comments blanked: same offsets as the original. */
export function parseJsonc(text: string): { ok: true; value: unknown; text: string } | { ok: false; error: JsonError } {
  const clean = stripJsonComments(text.replace(/^\uFEFF/, ''));
  try {
    return { ok: true, value: JSON.parse(clean), text: clean };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // V8 reports "… at position N" (and, in newer versions, "(line L column C)").
    const pos = /position (\d+)/.exec(message);
    const where = pos ? lineColumn(clean, Number(pos[1])) : { line: clean.split('\n').length, column: 1 };
    return { ok: false, error: { ...where, message: message.replace(/\s*\(line \d+ column \d+\)/, '') } };
  }
}
