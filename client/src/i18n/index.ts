/** vue-i18n setup: zh-CN by default, English via `?lang=en` (remembered). */
import { createI18n } from 'vue-i18n';
import en from './en.ts';
import zhCN from './zh-CN.ts';
import adminShell from '../views/admin/i18n.ts';
import adminCfg from '../views/admin/config/i18n.ts';
import adminOps from '../views/admin/ops/i18n.ts';
import unit from '../views/unit/i18n.ts';

export type Locale = 'zh-CN' | 'en';

/** The locale from `?lang=`, then the remembered choice, then zh-CN. */
export function initialLocale(search: string, stored: string | null): Locale {
  const q = new URLSearchParams(search).get('lang');
  const pick = q ?? stored;
  return pick === 'en' ? 'en' : 'zh-CN';
}

/** Each module keeps its messages under its own namespace; they are merged here. */
const modules = [adminShell, adminCfg, adminOps, unit];
const merge = (base: typeof zhCN, locale: Locale): typeof zhCN => Object.assign({}, base, ...modules.map((m) => m[locale])) as typeof zhCN;

/** Every message of the app, per locale. */
export const messages = { 'zh-CN': merge(zhCN, 'zh-CN'), en: merge(en, 'en') };

export function makeI18n(locale: Locale) {
  return createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages });
}
