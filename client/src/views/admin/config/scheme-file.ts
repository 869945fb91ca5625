/** Scheme JSON files: read one the user picked, offer one for download. */

/** The text of a file the user picked. */
export function readFileText(file: File): Promise<string> {
  return file.text();
}

/** Parses a scheme file: JSON, or JSON with `//` line comments (like examples/county.scheme.jsonc). */
export function parseSchemeText(text: string): { value: unknown; error: string | null } {
  try {
    return { value: JSON.parse(text), error: null };
  } catch (e) {
    try {
      return { value: JSON.parse(stripLineComments(text)), error: null };
    } catch {
      return { value: null, error: e instanceof Error ? e.message : String(e) };
    }
  }
}

/** Removes `//` comments outside strings (JSONC), keeping line breaks so positions stay close. */
export function stripLineComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else out += c;
  }
  return out;
}

/** Offers `text` as a JSON file download. */
export function downloadJson(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
