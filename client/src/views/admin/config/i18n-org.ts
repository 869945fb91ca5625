/** Messages of the units & people page (`adminCfg.org.*`), Chinese and English. */
export const orgZh = {
  title: '单位与人员', search: '搜索编码或名称', ok: '确定', done: '完成', saved: '已保存（方案版本 v{v}）。',
  tabs: { units: '单位', cadres: '干部', users: '用户与角色', display: '大屏令牌', api: '接口令牌' },
  roles: { admin: '组织部管理员', leader: '领导', unit: '单位', reporter: '数据报送单位', display: '大屏', public: '公众' },
  units: {
    add: '添加单位', edit: '修改单位', count: '共 {n} 个单位', kind: '类型', group: '所在分组', noGroup: '（未分组）',
    kinds: { town: '乡镇', department: '部门', enterprise: '企业', other: '其他' },
    confirmRemove: '删除单位「{name}」？它将从所有分组中移除，已报送的数据保留在日志中但不再计分。',
    needNumbers: '若所在分组的指标（如增速、目标完成率）需要分单位的基期值或目标值，请改在“赛制配置 › 单位”中添加，以便在同一次保存中一并设置。',
    hint: '单位的增删改是方案修改，会记录审计日志并立即重新计分；调整分组成员请到“赛制配置 › 分组与差异化”。',
  },
  cadres: {
    add: '添加干部', edit: '修改干部', count: '共 {n} 名', name: '姓名', title: '职务', group: '干部分组', duties: '分管责任', noDuties: '（以所在单位综合得分计）',
    dutiesHint: '干部的单位实绩 = 所分管单位该赛道得分的加权平均（权重为份额）；不设分管时按所在单位综合得分计。', track: '赛道', share: '份额',
    addDuty: '添加分管', allGroups: '全部干部分组', confirmRemove: '删除干部「{name}」？',
  },
  users: {
    add: '添加用户', edit: '修改用户 {name}', username: '用户名', displayName: '显示名称', role: '角色', scope: '数据范围', all: '全部', department: '报送部门',
    departmentHint: '指标的报送单位编码', enabled: '启用', disable: '停用账号', password: '初始密码', generate: '随机生成', reason: '修改原因',
    reset: '重置密码', confirmReset: '为「{name}」生成新密码？旧密码立即失效，该用户已登录的会话会被退出。',
    confirmDisable: '停用「{name}」？该用户将立即被退出登录。', newPassword: '「{name}」的新密码（只显示这一次，请当面或通过安全渠道告知）：',
    saved: '已保存。', endsSessions: '修改角色、单位或部门会让该用户重新登录。',
    hint: '单位账号只能查看本单位；报送单位账号只能报送其部门负责的指标；领导可查看全部但不能修改。',
  },
  tokens: {
    displayHint: '大屏令牌生成一个无需登录的只读大屏链接，可随时吊销。', apiHint: '接口令牌供报送单位的业务系统通过 API 报送数据，权限与所绑定的报送单位账号相同。',
    displayAdd: '新建大屏链接', apiAdd: '新建接口令牌', displayNameHint: '如：县委常委会议室大屏', apiNameHint: '如：统计局数据平台',
    user: '绑定的报送账号', pickReporter: '选择报送单位账号', created: '创建时间', status: '状态', active: '有效', revokedAt: '已吊销 {at}',
    revoke: '吊销', revoked: '已吊销，使用它的大屏或系统已断开。', confirmRevoke: '吊销「{name}」？使用它的大屏或系统会立即断开。',
    create: '创建', createdTitle: '「{name}」已创建', once: '令牌只显示这一次，关闭后无法再查看；遗失请吊销后重新创建。',
    link: '大屏链接（在大屏浏览器中打开）：', bearer: '接口令牌：', apiUse: '调用时在请求头中加入 Authorization: Bearer <令牌>。',
    copy: '复制', copied: '已复制。', copyManually: '浏览器不允许自动复制，请手动选中复制。',
  },
};

export const orgEn: typeof orgZh = {
  title: 'Units & people', search: 'Search code or name', ok: 'OK', done: 'Done', saved: 'Saved (scheme v{v}).',
  tabs: { units: 'Units', cadres: 'Cadres', users: 'Users & roles', display: 'Display links', api: 'API tokens' },
  roles: { admin: 'Administrator', leader: 'Leader', unit: 'Unit', reporter: 'Data reporter', display: 'Display', public: 'Public' },
  units: {
    add: 'Add unit', edit: 'Edit unit', count: '{n} units', kind: 'Kind', group: 'Group', noGroup: '(no group)',
    kinds: { town: 'Town', department: 'Department', enterprise: 'Enterprise', other: 'Other' },
    confirmRemove: 'Remove unit "{name}"? It leaves every group; its reported values stay in the log but are no longer scored.',
    needNumbers: "If the group's indicators (growth, completion) need per-unit baselines or targets, add the unit under Race scheme › Units instead, to set them in the same save.",
    hint: 'Unit edits are scheme edits: audited and rescored at once. Group membership is edited under Race scheme › Groups.',
  },
  cadres: {
    add: 'Add cadre', edit: 'Edit cadre', count: '{n} cadres', name: 'Name', title: 'Title', group: 'Cadre group', duties: 'Responsibilities', noDuties: '(own unit overall)',
    dutiesHint: "A cadre's unit part = the share-weighted mean of the track scores of the units they answer for; without any, their own unit's overall score.", track: 'Track', share: 'Share',
    addDuty: 'Add responsibility', allGroups: 'All cadre groups', confirmRemove: 'Remove cadre "{name}"?',
  },
  users: {
    add: 'Add user', edit: 'Edit user {name}', username: 'Username', displayName: 'Display name', role: 'Role', scope: 'Scope', all: 'everything', department: 'Department',
    departmentHint: 'owner code of the indicators', enabled: 'Enabled', disable: 'Disable account', password: 'Initial password', generate: 'Generate', reason: 'Reason',
    reset: 'Reset password', confirmReset: 'Generate a new password for "{name}"? The old one stops working and their sessions end.',
    confirmDisable: 'Disable "{name}"? They are signed out at once.', newPassword: 'New password of "{name}" (shown only now; hand it over in person or over a safe channel):',
    saved: 'Saved.', endsSessions: 'Changing the role, unit or department signs the user out.',
    hint: 'Unit accounts see their own unit only; reporters submit the indicators their department owns; leaders read everything and change nothing.',
  },
  tokens: {
    displayHint: 'A display link opens a read-only wall display without signing in; revoke it any time.', apiHint: "An API token lets a data owner's system submit values as its reporter account.",
    displayAdd: 'New display link', apiAdd: 'New API token', displayNameHint: 'e.g. meeting room display', apiNameHint: 'e.g. statistics bureau platform',
    user: 'Reporter account', pickReporter: 'Choose a reporter account', created: 'Created', status: 'Status', active: 'active', revokedAt: 'revoked {at}',
    revoke: 'Revoke', revoked: 'Revoked; displays and systems using it are disconnected.', confirmRevoke: 'Revoke "{name}"? Displays or systems using it are disconnected at once.',
    create: 'Create', createdTitle: '"{name}" created', once: 'The token is shown only now. If it is lost, revoke it and create a new one.',
    link: 'Display link (open it in the display browser):', bearer: 'API token:', apiUse: 'Send it as the header Authorization: Bearer <token>.',
    copy: 'Copy', copied: 'Copied.', copyManually: 'The browser refused to copy; select and copy it by hand.',
  },
};
