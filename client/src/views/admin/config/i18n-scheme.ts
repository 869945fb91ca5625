/** Messages of the scheme editor (`adminCfg.*`), Chinese and English. No `|` or `@` (vue-i18n syntax). */
export const schemeZh = {
  common: { id: '编码', name: '名称', unit: '单位', actions: '操作', remove: '删除', edit: '编辑', view: '查看', addRow: '添加一行', cancel: '取消' },
  tabs: { season: '赛季与考核期', tracks: '赛道与指标', units: '单位', groups: '分组与差异化', grades: '等次与规则', people: '干部分组与测评', json: '原始 JSON', whatif: '排名影响预览' },
  page: {
    title: '赛制配置', version: '方案版本 v{v}', rawPending: 'JSON 有错误，未应用', rawPendingSave: '“原始 JSON”中的修改有错误，尚未应用到方案；请先修正或点“按表单重新生成”。', readonly: '只读（领导查看）', dirty: '有未保存的修改', valid: '校验通过',
    import: '导入 JSON', export: '导出 JSON', reload: '重新加载', save: '保存方案…', noScheme: '尚未配置赛马方案。',
    discard: '放弃未保存的修改并重新加载最新方案？', leave: '方案有未保存的修改，确定离开吗？', unsaved: '未保存的修改',
    imported: '已将「{name}」载入编辑区（尚未保存）。请检查校验结果和排名影响后再保存。',
    importBad: '「{name}」不是有效的 JSON，已在“原始 JSON”中打开。', importShape: '导入的方案有 {n} 处结构问题，未载入表单；请在“原始 JSON”中修正。',
  },
  problems: { title: '发现 {n} 个问题，修正后才能保存：', warnings: '{n} 条提示', jump: '跳转到该字段', locate: '定位', more: '还有 {n} 条…' },
  season: {
    schemeName: '方案名称', id: '赛季编码', name: '赛季名称', current: '当前考核期', currentAuto: '（最后一个有数据的考核期）',
    periods: '考核期', weightSum: '权重合计 {n}', kind: '类型', weight: '赛季权重', progress: '序时进度 %', addPeriod: '添加考核期',
    kinds: { month: '月度', quarter: '季度', half: '半年', 'year-end': '年终' },
  },
  tracks: {
    add: '添加赛道', newName: '新赛道', weight: '综合权重', totalMarks: '满分合计', bonusCap: '加分上限', deductionCap: '扣分上限', noCap: '不设上限',
    alpha: '干部单位实绩占比 α', light: '本赛道亮灯规则', moveUp: '上移', moveDown: '下移', remove: '删除赛道', confirmRemove: '删除赛道「{name}」及其全部指标？',
  },
  indicator: {
    title: '指标', add: '添加指标', newName: '新指标', code: '指标编码', measure: '计量单位', fullMarks: '满分', direction: '方向',
    higher: '越高越好', lower: '越低越好', higherShort: '正向', lowerShort: '逆向', missing: '缺报处理', missingKinds: { zero: '记 0 分', exclude: '剔除折算', carry: '沿用上期' },
    owner: '报送单位', ownerHint: '部门编码，如 tjj', target: '目标值', baseline: '基期值', targets: '分单位目标值（覆盖统一目标）',
    baselines: '分单位基期值（覆盖统一基期）', method: '计分方法与参数', sum: '满分合计 {sum} / 应为 {total}',
  },
  range: {
    title: '取值范围', min: '下限', max: '上限', integer: '只收整数', grades: '允许的等次（不勾选即全部）', open: '不限', value: '指定数值',
    byMeasure: '按计量单位（{v}）', yes: '是', no: '否', effective: '生效范围：{range}。超出范围的数值在报送、表格录入和导入时都会被拒收。',
  },
  method: {
    kind: '计分方法', points: '得分', cap: '封顶倍数', base: '基础分系数', best: '满意值', worst: '不允许值', groupBest: '组内最优', groupWorst: '组内最差',
    rankTiers: '按名次段赋分', rankStep: '每降一名扣分', floor: '最低得分', top: '前 N 名', bound: '界限值', targetGrowth: '目标增速（百分点）',
    par: '达标得分系数', growthStep: '每百分点加减分', deductStep: '每次扣分', gradeLabel: '评价等级',
    kinds: { completion: '目标完成率', efficacy: '功效系数法', rank: '排名赋分', threshold: '阈值达标', growth: '增速', grade: '定性评价', deduct: '扣分法' },
    help: {
      completion: '得分 = 满分 × 完成率（越低越好时为 目标/实际），封顶为满分 × 封顶倍数。',
      efficacy: '得分 = 满分 × (基础分系数 + (1 − 基础分系数) × (x − 最差) / (最好 − 最差))；不填满意值/不允许值时取组内最好/最差。',
      rank: '组内竞争排名（并列同名次）：满分 − (名次 − 1) × 每降一名扣分，不低于最低得分；或按名次段赋分。',
      threshold: '按界限值从优到劣排列，取第一个达到的档次的得分，均未达到得 0 分。',
      growth: '增速（百分点）达到目标增速得 满分 × 达标系数，每高/低 1 个百分点加/减分，限制在 0 与 满分 × 封顶倍数 之间。',
      grade: '按评价等级取分，例如 优/良/中/差。',
      deduct: '得分 = 满分 − 次数 × 每次扣分，最低 0 分（如安全事故次数）。',
    },
  },
  light: {
    mode: '亮灯方式', inherit: '沿用全局规则', rank: '按排名比例', score: '按分数线', progress: '按序时进度', redShare: '红灯比例（末位）', yellowShare: '黄灯比例',
    redBelow: '低于此分红灯', yellowBelow: '低于此分黄灯', indicator: '进度指标', red: '落后超过（百分点）红灯', yellow: '落后超过（百分点）黄灯',
  },
  units: {
    add: '添加单位', newName: '新单位', search: '搜索编码或名称', kind: '类型', group: '所在分组',
    hint: '在这里增加单位，可以在同一次保存中把它放进分组、补上分单位目标值和基期值。',
  },
  groups: {
    add: '添加分组', newName: '新分组', tracks: '参赛赛道', units: '成员单位（{n}）', unitsHint: '一个单位只在其第一个分组中排名；括号内为其已在的其他分组。',
    overrides: '差异化考核', overridesHint: '本组在各赛道上可只用部分指标，或调整满分、计分方法；满分合计须等于赛道满分合计。',
    differs: '本组差异化', subset: '只使用部分指标', fullMarks: '调整满分', methods: '调整计分方法', addMethod: '选择要调整计分方法的指标…',
    remove: '删除分组', confirmRemove: '删除分组「{name}」？',
  },
  grades: {
    title: '等次', hint: '按顺序从高到低；超出名额的单位降入下一等次；最后一个等次不设分数线。', min: '最低分', rest: '其余', quota: '名额比例',
    noQuota: '不限', noVeto: '否决不得评', add: '添加等次', newName: '新等次',
  },
  rules: {
    title: '红黑榜、约谈与通报', redList: '红榜人数', blackList: '黑榜人数', warningAfter: '连续末位几期约谈', decimals: '通报得分小数位数',
    flagsHint: '每个分组每期第 1 名（未被否决）获流动红旗，末位获黄旗；红黑榜并列者一并上榜。', light: '全局亮灯规则', lightHint: '赛道未单独设置时使用',
  },
  people: {
    cadreGroups: '干部分组', cadreGroupsHint: '干部在各自分组内排名', cadres: '干部数', newGroup: '新干部分组', addCadreGroup: '添加干部分组',
    raterGroups: '民主测评主体', raterHint: '权重合计 {n}（按实际参评的主体重新归一）', weight: '权重', newRater: '新测评主体', addRater: '添加测评主体',
    orgHint: '单位与干部名单在“单位与人员”页面维护。',
  },
  json: {
    hint: '整个方案的 JSON。修改后若格式与结构正确会自动同步到表单；也可在此粘贴一份完整方案。',
    parseError: 'JSON 格式错误：{msg}', notApplied: '以下结构问题修正前，这段 JSON 不会应用到表单：', regenerate: '按表单重新生成',
  },
  whatIf: {
    run: '计算排名影响', rerun: '重新计算', summary: '按当前数据（v{version}），{boards} 个榜单、{rows} 行的名次/得分/等次会变化。',
    how: '在浏览器中用同一计分引擎，以当前全部数据分别按已保存的方案和修改后的方案计算，列出名次、得分或等次变化的单位与干部（旧 → 新）。',
    outdated: '方案在计算后又有修改，结果已过期，请重新计算。', staleLog: '数据日志中的方案版本与编辑所基于的版本不一致：方案可能已被他人修改。',
    invalid: '方案有校验问题，修正后才能预览。', none: '修改不影响任何榜单的名次、得分和等次。', noneFiltered: '筛选范围内没有变化。',
    allPeriods: '全部考核期', seasonBoards: '赛季累计榜', withCadres: '含干部榜', rows: '{n} 行变化', cadre: '干部', rank: '名次', rankDelta: '名次变化',
    score: '得分', scoreDelta: '分差', grade: '等次', more: '展开其余 {n} 行', less: '收起', added: '新增榜单', dropped: '榜单将取消', changed: '',
    kinds: { overall: '综合', track: '赛道', season: '赛季累计', 'season-overall': '赛季综合', cadre: '干部' },
  },
  save: {
    title: '保存方案（基于版本 v{v}）', info: '保存后立即按新方案重新计分，大屏与各单位同步更新。以下为按当前数据计算的排名影响。',
    reason: '修改说明（记入审计日志）', reasonHint: '例如：根据县委组织部〔2026〕3号文件调整项目建设赛道权重', confirm: '确认保存',
    done: '方案已保存，当前版本 v{v}。', invalid: '方案有 {n} 个问题，修正后才能保存。',
  },
  stale: {
    title: '方案已被他人修改', fallback: '方案已被他人修改，请刷新后重新编辑。',
    text: '您的修改没有保存，也没有覆盖他人的修改。可以先导出您的修改留存，再重新加载最新方案后重新编辑。',
    export: '导出我的修改', keep: '继续编辑', reload: '重新加载最新方案',
  },
};

export const schemeEn: typeof schemeZh = {
  common: { id: 'Code', name: 'Name', unit: 'Unit', actions: 'Actions', remove: 'Remove', edit: 'Edit', view: 'View', addRow: 'Add row', cancel: 'Cancel' },
  tabs: { season: 'Season & periods', tracks: 'Tracks & indicators', units: 'Units', groups: 'Groups & overrides', grades: 'Grades & rules', people: 'Cadre & rater groups', json: 'Raw JSON', whatif: 'Rank impact' },
  page: {
    title: 'Race scheme', version: 'Scheme v{v}', rawPending: 'JSON not applied', rawPendingSave: 'The Raw JSON text has errors and is not applied; fix it or regenerate it from the form first.', readonly: 'Read-only', dirty: 'Unsaved changes', valid: 'Valid',
    import: 'Import JSON', export: 'Export JSON', reload: 'Reload', save: 'Save…', noScheme: 'No race scheme yet.',
    discard: 'Discard your unsaved changes and load the latest scheme?', leave: 'The scheme has unsaved changes. Leave anyway?', unsaved: 'Unsaved changes',
    imported: '"{name}" is loaded into the editor (not saved yet). Check the problems and the rank impact, then save.',
    importBad: '"{name}" is not valid JSON; it is open in Raw JSON.', importShape: 'The imported scheme has {n} structural problems and was not loaded into the form; fix them in Raw JSON.',
  },
  problems: { title: '{n} problems must be fixed before saving:', warnings: '{n} notes', jump: 'Go to the field', locate: 'Locate', more: '{n} more…' },
  season: {
    schemeName: 'Scheme name', id: 'Season code', name: 'Season name', current: 'Current period', currentAuto: '(last period with data)',
    periods: 'Periods', weightSum: 'weights add up to {n}', kind: 'Kind', weight: 'Season weight', progress: 'Expected progress %', addPeriod: 'Add period',
    kinds: { month: 'Month', quarter: 'Quarter', half: 'Half year', 'year-end': 'Year-end' },
  },
  tracks: {
    add: 'Add track', newName: 'New track', weight: 'Overall weight', totalMarks: 'Total marks', bonusCap: 'Bonus cap', deductionCap: 'Deduction cap', noCap: 'no cap',
    alpha: 'Cadre unit share α', light: 'Light rule of this track', moveUp: 'Move up', moveDown: 'Move down', remove: 'Remove track', confirmRemove: 'Remove track "{name}" and all its indicators?',
  },
  indicator: {
    title: 'Indicators', add: 'Add indicator', newName: 'New indicator', code: 'Code', measure: 'Measure', fullMarks: 'Full marks', direction: 'Direction',
    higher: 'Higher better', lower: 'Lower better', higherShort: '↑ higher', lowerShort: '↓ lower', missing: 'If missing', missingKinds: { zero: 'zero', exclude: 'rescale', carry: 'carry' },
    owner: 'Owner department', ownerHint: 'department code, e.g. tjj', target: 'Target', baseline: 'Baseline', targets: 'Targets per unit (override the target)',
    baselines: 'Baselines per unit (override the baseline)', method: 'Scoring method', sum: 'full marks {sum} / must be {total}',
  },
  range: {
    title: 'Value range', min: 'Lowest', max: 'Highest', integer: 'Whole numbers only', grades: 'Allowed grades (none ticked: all)', open: 'open', value: 'a number',
    byMeasure: 'by measure ({v})', yes: 'yes', no: 'no', effective: 'In effect: {range}. Values outside it are refused in submissions, the grid and imports.',
  },
  method: {
    kind: 'Method', points: 'Points', cap: 'Cap (× full marks)', base: 'Base', best: 'Best value', worst: 'Worst value', groupBest: 'group best', groupWorst: 'group worst',
    rankTiers: 'Tiers by rank', rankStep: 'Points lost per place', floor: 'Floor', top: 'Top N', bound: 'Bound', targetGrowth: 'Target growth (pp)',
    par: 'Points at target (× full)', growthStep: 'Points per pp', deductStep: 'Points per occurrence', gradeLabel: 'Grade',
    kinds: { completion: 'Completion', efficacy: 'Efficacy', rank: 'Rank', threshold: 'Threshold', growth: 'Growth', grade: 'Grade', deduct: 'Deduct' },
    help: {
      completion: 'Points = full × completion ratio (target/x when lower is better), capped at full × cap.',
      efficacy: 'Points = full × (base + (1 − base) × (x − worst) / (best − worst)); best/worst default to the group best/worst.',
      rank: 'Competition rank in the group: full − (rank − 1) × step, at least the floor; or points by rank tiers.',
      threshold: 'Tiers from best to worst; the first bound the value reaches gives its points, else 0.',
      growth: 'At the target growth: full × par; ± step per percentage point; clamped to [0, full × cap].',
      grade: 'Points per grade label, e.g. A/B/C/D.',
      deduct: 'Points = full − occurrences × step, at least 0.',
    },
  },
  light: {
    mode: 'Light by', inherit: 'global rule', rank: 'rank share', score: 'score bands', progress: 'expected progress', redShare: 'Red share (bottom)', yellowShare: 'Yellow share',
    redBelow: 'Red below', yellowBelow: 'Yellow below', indicator: 'Progress indicator', red: 'Red when behind by (pp)', yellow: 'Yellow when behind by (pp)',
  },
  units: {
    add: 'Add unit', newName: 'New unit', search: 'Search code or name', kind: 'Kind', group: 'Group',
    hint: 'Adding units here lets you put them in a group and give their targets and baselines in the same save.',
  },
  groups: {
    add: 'Add group', newName: 'New group', tracks: 'Tracks', units: 'Member units ({n})', unitsHint: 'A unit is ranked in its first group only; other groups it is in are shown in brackets.',
    overrides: 'Overrides', overridesHint: 'On each track the group may use a subset of the indicators, other full marks or methods; full marks must still add up.',
    differs: 'Override', subset: 'Use a subset of indicators', fullMarks: 'Full marks', methods: 'Methods', addMethod: 'Override the method of…',
    remove: 'Remove group', confirmRemove: 'Remove group "{name}"?',
  },
  grades: {
    title: 'Grades', hint: 'From best to worst; units over quota fall to the next band; the last band has no minimum.', min: 'Min score', rest: 'rest', quota: 'Quota share',
    noQuota: 'none', noVeto: 'Not if vetoed', add: 'Add grade', newName: 'New grade',
  },
  rules: {
    title: 'Lists, warnings and reports', redList: 'Red list size', blackList: 'Black list size', warningAfter: 'Warning after N last places', decimals: 'Decimals of scores in reports',
    flagsHint: 'Red flag to rank 1 (not vetoed), yellow flag to the last of each group and period; ties at the list cuts are included.', light: 'Global light rule', lightHint: 'used where a track sets none',
  },
  people: {
    cadreGroups: 'Cadre groups', cadreGroupsHint: 'cadres rank within their group', cadres: 'Cadres', newGroup: 'New cadre group', addCadreGroup: 'Add cadre group',
    raterGroups: 'Rater groups', raterHint: 'weights add up to {n} (renormalised over the groups that rated)', weight: 'Weight', newRater: 'New rater group', addRater: 'Add rater group',
    orgHint: 'Units and cadres are edited on the Units & people page.',
  },
  json: {
    hint: 'The whole scheme as JSON. Valid edits are applied to the form as you type; you can also paste a complete scheme here.',
    parseError: 'Invalid JSON: {msg}', notApplied: 'This JSON is not applied to the form until these problems are fixed:', regenerate: 'Regenerate from the form',
  },
  whatIf: {
    run: 'Compute rank impact', rerun: 'Recompute', summary: 'On the current data (v{version}), {rows} rows on {boards} boards change rank, score or grade.',
    how: 'The scoring engine runs in your browser on all current data, once with the saved scheme and once with your edit, and lists every unit and cadre whose rank, score or grade changes (old → new).',
    outdated: 'The scheme changed after this was computed; recompute.', staleLog: 'The log holds a different scheme version than the one you are editing: someone may have changed it.',
    invalid: 'Fix the problems first.', none: 'The edit changes no rank, score or grade.', noneFiltered: 'No changes in this selection.',
    allPeriods: 'All periods', seasonBoards: 'Season boards', withCadres: 'Cadre boards', rows: '{n} rows change', cadre: 'Cadre', rank: 'Rank', rankDelta: 'Move',
    score: 'Score', scoreDelta: 'Δ points', grade: 'Grade', more: 'Show {n} more', less: 'Show less', added: 'new board', dropped: 'board removed', changed: '',
    kinds: { overall: 'Overall', track: 'Track', season: 'Season', 'season-overall': 'Season overall', cadre: 'Cadres' },
  },
  save: {
    title: 'Save scheme (based on v{v})', info: 'Saving rescores everything at once; wall displays and units follow. The rank impact on the current data:',
    reason: 'Reason (goes to the audit log)', reasonHint: 'e.g. weights changed per the department notice 2026-3', confirm: 'Save',
    done: 'Saved; the scheme is now v{v}.', invalid: 'The scheme has {n} problems; fix them before saving.',
  },
  stale: {
    title: 'Changed by someone else', fallback: 'The scheme was changed by someone else; reload it and edit again.',
    text: 'Your edit was not saved and nothing was overwritten. Export your edit to keep it, then reload the latest scheme and edit again.',
    export: 'Export my edit', keep: 'Keep editing', reload: 'Load the latest scheme',
  },
};
