/** Messages of this module (namespace `adminOps`), merged into the app's vue-i18n in i18n/index.ts. */
import zh from './messages/zh-CN.ts';
import en from './messages/en.ts';

export default {
  'zh-CN': { adminOps: zh },
  en: { adminOps: en },
};
