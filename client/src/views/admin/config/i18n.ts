/** Messages of this module (namespace `adminCfg`), merged into the app's vue-i18n in i18n/index.ts. */
import { orgEn, orgZh } from './i18n-org.ts';
import { schemeEn, schemeZh } from './i18n-scheme.ts';

export default {
  'zh-CN': { adminCfg: { ...schemeZh, org: orgZh } },
  en: { adminCfg: { ...schemeEn, org: orgEn } },
};
