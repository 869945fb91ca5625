/** Messages of this module (namespace `unit`), merged into the app's vue-i18n in i18n/index.ts. */
export default {
  'zh-CN': { unit: {} },
  en: { unit: {} },
};
