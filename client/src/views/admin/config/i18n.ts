/** Messages of this module (namespace `adminCfg`), merged into the app's vue-i18n in i18n/index.ts. */
export default {
  'zh-CN': { adminCfg: {} },
  en: { adminCfg: {} },
};
