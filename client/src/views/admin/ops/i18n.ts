/** Messages of this module (namespace `adminOps`), merged into the app's vue-i18n in i18n/index.ts. */
export default {
  'zh-CN': { adminOps: {} },
  en: { adminOps: {} },
};
