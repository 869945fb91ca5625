/** Names for the demo county: towns, county departments, data owners and people. */
import type { Rng } from './random.ts';
import { pick } from './random.ts';

/** 经济强镇组 — the six towns with the most industry. */
export const STRONG_TOWNS: ReadonlyArray<[id: string, name: string]> = [
  ['chengguan', '城关镇'],
  ['linhe', '临河镇'],
  ['xinqiao', '新桥镇'],
  ['jinshan', '金山镇'],
  ['longquan', '龙泉镇'],
  ['baisha', '白沙镇'],
];

/** 生态镇组 — mountain and water-source towns, judged with other full marks (差异化考核). */
export const ECO_TOWNS: ReadonlyArray<[id: string, name: string]> = [
  ['qingshan', '青山镇'],
  ['yunxi', '云溪乡'],
  ['shimen', '石门乡'],
  ['taoyuan', '桃源镇'],
  ['qingshui', '清水乡'],
  ['chaling', '茶岭乡'],
];

/** 县直部门组 — twenty county departments. */
export const DEPARTMENTS: ReadonlyArray<[id: string, name: string]> = [
  ['fgw', '县发展和改革委员会'],
  ['czj', '县财政局'],
  ['tjj', '县统计局'],
  ['zrzyj', '县自然资源和规划局'],
  ['zjj', '县住房和城乡建设局'],
  ['jtj', '县交通运输局'],
  ['nyncj', '县农业农村局'],
  ['slj', '县水利局'],
  ['swj', '县商务局'],
  ['scjgj', '县市场监督管理局'],
  ['yjglj', '县应急管理局'],
  ['sthj', '市生态环境局县分局'],
  ['rsj', '县人力资源和社会保障局'],
  ['jytyj', '县教育体育局'],
  ['wjw', '县卫生健康委员会'],
  ['mzj', '县民政局'],
  ['sfj', '县司法局'],
  ['gxj', '县工业和信息化局'],
  ['xzspj', '县行政审批服务局'],
  ['xfj', '县信访局'],
];

/** Data owners (数据报送单位) named in indicators' `owner`: code → name. */
export const DEMO_OWNERS: Readonly<Record<string, string>> = {
  tjj: '县统计局',
  fgw: '县发展和改革委员会',
  czj: '县财政局',
  nyncj: '县农业农村局',
  zrzyj: '县自然资源和规划局',
  swj: '县商务局',
  gxj: '县工业和信息化局',
  scjgj: '县市场监督管理局',
  xzspj: '县行政审批服务局',
  xfj: '县信访局',
  yjglj: '县应急管理局',
  rx12345: '县12345政务服务便民热线',
  zfw: '县委政法委',
  zzb: '县委组织部',
  dcs: '县委县政府督查室',
  gsl: '县工商联',
};

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = (
  '建国 志强 海燕 丽华 明辉 伟 军 晓东 红梅 文斌 永刚 秀英 立新 春生 玉兰 德胜 国庆 卫东 新华 振宇 思远 浩然 子涵 雨婷 ' +
  '欣怡 俊杰 嘉豪 婧 佳琪 宏伟 鹏飞 桂芳 建华 志刚 丽娟 海涛 晓燕 文静 勇 静 磊 洋 敏 霞 杰 涛 超 刚 平 辉 燕 艳 ' +
  '玉梅 国华 学文 晓峰 春燕 秋菊 成林 亚军 少华 继红 向阳 跃进 金龙 建军 云飞 晓明 思雨 一鸣'
).split(' ');

/** A Chinese personal name not in `taken` (adds it). */
export function personName(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const name = pick(rng, [...SURNAMES]) + pick(rng, GIVEN);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}
