/** vue-i18n setup: zh-CN by default, English via `?lang=en` (remembered). */
import { createI18n } from 'vue-i18n';
import en from './en.ts';
import zhCN from './zh-CN.ts';

export type Locale = 'zh-CN' | 'en';

/** The locale from `?lang=`, then the remembered choice, then zh-CN. */
export function initialLocale(search: string, stored: string | null): Locale {
  const q = new URLSearchParams(search).get('lang');
  const pick = q ?? stored;
  return pick === 'en' ? 'en' : 'zh-CN';
}

export function makeI18n(locale: Locale) {
  return createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: { 'zh-CN': zhCN, en } });
}
