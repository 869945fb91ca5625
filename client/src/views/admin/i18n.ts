/** Messages of the admin shell (namespace `admin`), merged into vue-i18n in i18n/index.ts. */
export default {
  'zh-CN': {
    admin: {
      title: '组织部管理后台',
      scheme: '赛制配置',
      org: '单位与人员',
      data: '数据录入',
      review: '审核',
      publish: '晾晒发布',
      exports: '导出',
      audit: '审计日志',
      forbidden: '您的账号无权使用管理后台。',
      signedInAs: '当前用户',
      logout: '退出登录',
    },
  },
  en: {
    admin: {
      title: 'Organization department console',
      scheme: 'Race scheme',
      org: 'Units & people',
      data: 'Data entry',
      review: 'Review',
      publish: 'Publish',
      exports: 'Exports',
      audit: 'Audit log',
      forbidden: 'Your account may not use the console.',
      signedInAs: 'Signed in as',
      logout: 'Sign out',
    },
  },
};
