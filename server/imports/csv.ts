/**
 * CSV as RFC 4180 writes it: fields separated by commas, records by CRLF (LF alone is accepted),
 * fields with a comma, quote or line break enclosed in double quotes, a quote inside doubled.
 */

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/** Parses CSV text into records of fields. A trailing line break does not make an empty record. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  let i = 0;
  const n = text.length;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
          throw new CsvError(line, `第 ${line} 行：引号后应为逗号或换行。`);
        }
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      if (field.length) throw new CsvError(line, `第 ${line} 行：字段中间出现了引号，整个字段须用引号括起。`);
      quoted = true;
      quoteLine = line;
      i++;
    } else if (ch === ',') {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new CsvError(quoteLine, `第 ${quoteLine} 行：引号没有闭合。`);
  if (field.length || row.length) endRow();
  return rows;
}

/** One field as RFC 4180 wants it (quoted only when needed). */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV text with CRLF line ends and a UTF-8 BOM, so that Excel opens Chinese text correctly. */
export function writeCsv(rows: Array<Array<string | number | null | undefined>>): string {
  return '\ufeff' + rows.map((r) => r.map((v) => csvField(v === null || v === undefined ? '' : String(v))).join(',')).join('\r\n') + '\r\n';
}
