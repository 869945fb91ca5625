/** RFC 4180 CSV: quoting, doubled quotes, line breaks in fields, CRLF/LF; encodings; formula neutralisation. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvError, parseCsv, writeCsv } from '../../server/imports/csv.ts';
import { sniff } from '../../server/imports/decode.ts';
import { columnLetter, readSheet, unzippedSize } from '../../server/imports/read-sheet.ts';
import ExcelJS from 'exceljs';
import { parseNumber } from '../../server/imports/import-values.ts';
import { neutralise } from '../../server/exports/neutralise.ts';

describe('parseCsv', () => {
  it.each([
    ['a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['a,b\n1,2', [['a', 'b'], ['1', '2']]],
    ['"a,1","b ""q"""\n', [['a,1', 'b "q"']]],
    ['"line\r\nbreak",x\n', [['line\r\nbreak', 'x']]],
    ['a,,\n', [['a', '', '']]],
    [',\n', [['', '']]],
    ['x\n\ny\n', [['x'], [''], ['y']]],
    ['"",""\n', [['', '']]],
    ['东城镇,９０\n', [['东城镇', '９０']]],
  ])('%j', (text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it('refuses an unclosed quote or a quote in the middle of a field, with the line', () => {
    expect(() => parseCsv('a\n"b,c\n')).toThrow(CsvError);
    try {
      parseCsv('a\nb"c\n');
    } catch (e) {
      expect((e as CsvError).line).toBe(2);
    }
    expect(() => parseCsv('"a"b\n')).toThrow(/引号/);
  });

  it('reads back what writeCsv writes (any text)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\r\n', '\n', ' ', '镇', '=') }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        // A record of one empty field is written as an empty line; it reads back as [''].
        const text = writeCsv(rows).slice(1);
        expect(parseCsv(text)).toEqual(rows);
      }),
    );
  });
});

describe('sniff', () => {
  it('tells XLSX, UTF-8 with and without BOM and GBK apart, and refuses the rest', () => {
    expect(sniff(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1]))).toEqual({ kind: 'xlsx' });
    expect(sniff(Buffer.from('\ufeff单位编码,x\n'))).toMatchObject({ kind: 'csv', encoding: 'utf-8', text: '单位编码,x\n' });
    expect(sniff(Buffer.from('单位编码,x\n'))).toMatchObject({ kind: 'csv', encoding: 'utf-8', text: '单位编码,x\n' });
    const gbk = Buffer.from([0xb5, 0xa5, 0xce, 0xbb, 0xb1, 0xe0, 0xc2, 0xeb, 0x2c, 0x78, 0x0a]); // 单位编码,x
    expect(sniff(gbk)).toMatchObject({ kind: 'csv', encoding: 'gb18030', text: '单位编码,x\n' });
    expect(() => sniff(Buffer.from('\ufeffab', 'utf16le'))).toThrow(/encoding/);
    expect(() => sniff(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toThrow(/\.xls/);
    expect(() => sniff(Buffer.from([0x81, 0x20, 0xff, 0x30]))).toThrow(/encoding/);
    expect(() => sniff(Buffer.alloc(0))).toThrow();
  });
});

describe('cells', () => {
  it('column letters', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
  it('numbers as people type them', () => {
    expect(parseNumber(12.5)).toBe(12.5);
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('８５')).toBe(85);
    expect(parseNumber('85%')).toBe(85);
    expect(parseNumber('-3')).toBe(-3);
    for (const bad of ['abc', '1.2.3', '', '12a', '=1+1']) expect(parseNumber(bad)).toBeNull();
  });
  it('neutralises text that a spreadsheet would run as a formula', () => {
    for (const v of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(neutralise(v)).toBe(`'${v}`);
    expect(neutralise('东城镇')).toBe('东城镇');
    expect(neutralise(-1)).toBe(-1);
  });
});

describe('xlsx guard', () => {
  it('reads the unpacked size of a real workbook and refuses a zip that claims gigabytes', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['单位编码', 1]);
    const real = Buffer.from(await wb.xlsx.writeBuffer());
    expect(unzippedSize(real)).toBeGreaterThan(real.length);
    expect(unzippedSize(real)).toBeLessThan(1e6);
    expect((await readSheet(real)).rows[0]).toEqual(['单位编码', 1]);
    // A central directory entry that declares 4 GB, and the end-of-directory record.
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt32LE(0xfffffff0, 24);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(4, 16);
    const bomb = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), cd, eocd]);
    expect(unzippedSize(bomb)).toBe(0xfffffff0);
    await expect(readSheet(bomb)).rejects.toMatchObject({ status: 413 });
  });
});
