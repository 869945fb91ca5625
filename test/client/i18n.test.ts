import { describe, expect, it } from 'vitest';
import { initialLocale, messages } from '../../client/src/i18n/index.ts';

// Every module's namespace included (unit workspace, console pages).
const { en, 'zh-CN': zhCN } = messages;

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('i18n', () => {
  it('has the same keys in zh-CN and en', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('uses no vue-i18n special characters by accident', () => {
    // `|` is plural syntax and `@` a linked message in vue-i18n.
    for (const dict of [en, zhCN]) for (const k of keys(dict)) expect(k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], dict)).not.toMatch(/[|@]/);
  });

  it('defaults to Chinese; ?lang=en or a remembered choice gives English', () => {
    expect(initialLocale('', null)).toBe('zh-CN');
    expect(initialLocale('?lang=en', null)).toBe('en');
    expect(initialLocale('', 'en')).toBe('en');
    expect(initialLocale('?lang=zh-CN', 'en')).toBe('zh-CN');
  });
});
