/**
 * The bytes of an uploaded table: XLSX (a zip), or CSV text in UTF-8 (with or without BOM) or
 * GB 18030/GBK (what Excel on Chinese Windows writes for "CSV"). Anything else is refused with
 * a message that says what to do.
 */
import { domainErrors } from '../services/domain-errors.ts';

export type Sniffed = { kind: 'xlsx' } | { kind: 'csv'; text: string; encoding: 'utf-8' | 'gb18030' };

const starts = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);

export function sniff(b: Buffer): Sniffed {
  if (!b.length) throw domainErrors.emptyFile();
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'xlsx' };
  if (starts(b, [0xd0, 0xcf, 0x11, 0xe0])) throw domainErrors.legacyXls();
  if (starts(b, [0xef, 0xbb, 0xbf])) return { kind: 'csv', text: strictDecode(b.subarray(3), 'utf-8') ?? fail(), encoding: 'utf-8' };
  // UTF-16/32 text and binary files have NUL bytes; no CSV in a single-byte or GBK encoding does.
  if (starts(b, [0xff, 0xfe]) || starts(b, [0xfe, 0xff]) || b.includes(0)) fail();
  const utf8 = strictDecode(b, 'utf-8');
  if (utf8 !== null) return { kind: 'csv', text: utf8, encoding: 'utf-8' };
  const gbk = strictDecode(b, 'gb18030');
  if (gbk !== null && !/[\u0080-\u009f\ufffd]/.test(gbk)) return { kind: 'csv', text: gbk, encoding: 'gb18030' };
  return fail();
}

function strictDecode(b: Buffer, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(b);
  } catch {
    return null;
  }
}

function fail(): never {
  throw domainErrors.badEncoding();
}
