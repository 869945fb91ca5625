/**
 * Audit rows in words: who (display name, username, role), what (the kind of action), about what
 * (unit, period, indicator and item names instead of `unit:t1 period:m01`) and the change
 * (old → new). Pure: names and messages are passed in.
 */
import type { AuditItem } from './audit-query.ts';

export type Translate = (key: string, named?: Record<string, unknown>) => string;

/** Names of the ids an audit row mentions; each returns the id itself when it knows no name. */
export interface AuditNames {
  unit(id: string): string;
  period(id: string): string;
  indicator(id: string): string;
  track(id: string): string;
  cadre(id: string): string;
  /** A user's username for an id (undefined: not known). */
  username(id: string): string | undefined;
}

/** Every action the audit records, with its message key under `adminOps.action`. */
export const AUDIT_ACTIONS = [
  'value:recorded',
  'value:corrected',
  'adjustment:recorded',
  'adjustment:revoked',
  'veto:recorded',
  'veto:revoked',
  'waiver:decided',
  'rating:recorded',
  'cadre:adjusted',
  'scheme:changed',
  'period:published',
  'appeal:filed',
  'appeal:updated',
  'feedback:added',
  'evidence:uploaded',
  'user:created',
  'user:updated',
  'token:created',
  'token:revoked',
  'settings:updated',
  'session:login',
  'session:logout',
] as const;

const camel = (s: string) => s.replace(/[:_-](\w)/g, (_, c: string) => c.toUpperCase());

/** The action in words (unknown actions as they are). */
export function actionText(action: string, t: Translate): string {
  return (AUDIT_ACTIONS as readonly string[]).includes(action) ? t(`adminOps.action.${camel(action)}`) : action;
}

/** System actors with a name of their own. */
const SYSTEM: Record<string, string> = { demo: 'demo', 'demo-feeder': 'feeder', setup: 'setup', snapshot: 'system', system: 'system' };

/** The actor as a person reads it: `王科长（admin）`, `报送部门 县统计局`, `演示数据`. */
export function actorText(row: Pick<AuditItem, 'actor' | 'actorName' | 'actorRole'>, names: AuditNames, t: Translate): string {
  const { actor, actorName } = row;
  if (actor.startsWith('token:')) return t('adminOps.actor.token', { name: actorName ?? actor.slice(6) });
  if (actorName) {
    const handle = names.username(actor) ?? actor;
    return handle === actorName ? actorName : t('adminOps.actor.named', { name: actorName, handle });
  }
  if (actor.startsWith('reporter:')) return t('adminOps.actor.reporter', { name: names.unit(actor.slice(9)) });
  if (SYSTEM[actor]) return t(`adminOps.actor.${SYSTEM[actor]}`);
  return actor;
}

/** The role in words ('' when unknown). */
export function roleText(role: string | null, t: Translate): string {
  return role ? t(`adminOps.role.${role}`) : '';
}

/** `seq:12 unit:t1 period:m01` → { seq: '12', unit: 't1', period: 'm01' } (a bare word keys itself). */
export function targetParts(target: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const word of target.split(/\s+/).filter(Boolean)) {
    const at = word.search(/[:@]/);
    if (at < 0) out[word] = '';
    else out[word.slice(0, at)] = word.slice(at + 1);
  }
  return out;
}

/** What a row is about, in words: `东城镇 · 1月 · 固定资产投资完成率`, `用户 王科长`, `方案 第 12 版`. */
export function targetText(target: string, names: AuditNames, t: Translate): string {
  const p = targetParts(target);
  const out: string[] = [];
  if (p.unit) out.push(names.unit(p.unit));
  if (p.cadre) out.push(names.cadre(p.cadre));
  if (p.period) out.push(names.period(p.period));
  if (p.track && !p.indicator) out.push(names.track(p.track));
  if (p.indicator) out.push(names.indicator(p.indicator));
  if (p.id && !p.unit) out.push(t('adminOps.target.item', { id: p.id }));
  if (p.target && !p.unit) out.push(t('adminOps.target.item', { id: p.target }));
  if (p.appeal !== undefined) out.push(t('adminOps.target.appeal'));
  if (p.feedback !== undefined) out.push(t('adminOps.target.feedback'));
  if (p.evidence !== undefined) out.push(t('adminOps.target.evidence'));
  if (p.user) out.push(t('adminOps.target.user', { name: names.username(p.user) ?? p.user }));
  if (p.token) out.push(t('adminOps.target.token'));
  if (p.scheme) out.push(t('adminOps.target.scheme', { version: p.scheme }));
  if ('settings' in p) out.push(t('adminOps.target.settings'));
  return out.join(' · ') || target;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => (v === null || v === undefined ? '—' : String(v));

/** The change a row made, in one line, for the value-like actions (null: see the field list). */
export function changeText(row: Pick<AuditItem, 'action' | 'before' | 'after'>, t: Translate): string | null {
  const b = isObj(row.before) ? row.before : null;
  const a = isObj(row.after) ? row.after : null;
  const points = (x: Record<string, unknown>) => t(`adminOps.change.${x.kind === 'bonus' ? 'bonus' : 'deduction'}`, { points: num(x.points) });
  switch (row.action) {
    case 'value:recorded':
    case 'value:corrected':
      return b ? `${num(b.value)} → ${num(a?.value)}` : t('adminOps.change.new', { value: num(a?.value) });
    case 'adjustment:recorded':
    case 'cadre:adjusted':
      return a ? points(a) : null;
    case 'adjustment:revoked':
      return b ? `${points(b)} → ${t('adminOps.change.revoked')}` : t('adminOps.change.revoked');
    case 'veto:recorded':
      return t('adminOps.change.veto');
    case 'veto:revoked':
      return `${t('adminOps.change.veto')} → ${t('adminOps.change.revoked')}`;
    case 'waiver:decided': {
      const decision = t(`adminOps.change.decision.${String(a?.decision ?? 'rejected')}`);
      const before = b ? (b.kind === undefined ? t('adminOps.change.veto') : points(b)) : '';
      const waived = a?.waivedPoints !== undefined && b?.kind !== undefined ? t('adminOps.change.waived', { points: num(a.waivedPoints) }) : '';
      return [before, [decision, waived].filter(Boolean).join(' ')].filter(Boolean).join(' → ');
    }
    case 'rating:recorded':
      return a ? t('adminOps.change.rating', { score: num(a.score) }) : null;
    case 'appeal:updated':
      return b && a ? `${t(`adminOps.review.st.${String(b.status)}`)} → ${t(`adminOps.review.st.${String(a.status)}`)}` : null;
    default:
      return null;
  }
}

/** Fields of before/after that have a name in words (`adminOps.field.*`). */
const FIELDS = ['value', 'period', 'unit', 'indicator', 'track', 'cadre', 'source', 'reason', 'reasoning', 'kind', 'points', 'evidence', 'decision', 'waivedPoints', 'reference', 'revoked', 'note', 'id', 'target', 'status', 'role', 'displayName', 'username', 'department', 'disabled', 'score', 'rater', 'raterGroup', 'version', 'name', 'text'];

/** A before/after field path in words: `kind` → 类别, `b.points` → `b · 分值`. */
export function fieldText(path: string, t: Translate): string {
  return path
    .split('.')
    .map((k) => (FIELDS.includes(k) ? t(`adminOps.field.${k}`) : k))
    .join(' · ');
}

/** A field's value in words where it is an id or a code (`deduction` → 扣分, `t1` → 东城镇). */
export function fieldValue(path: string, value: string | undefined, names: AuditNames, t: Translate): string {
  if (value === undefined) return '';
  const key = path.split('.').at(-1);
  switch (key) {
    case 'unit':
      return names.unit(value);
    case 'period':
      return names.period(value);
    case 'indicator':
      return names.indicator(value);
    case 'track':
      return names.track(value);
    case 'cadre':
      return names.cadre(value);
    case 'kind':
      return value === 'bonus' || value === 'deduction' ? t(`adminOps.adjust.${value}`) : value;
    case 'decision':
      return ['accepted', 'partial', 'rejected', 'clarified'].includes(value) ? t(`adminOps.change.decision.${value}`) : value;
    case 'role':
      return ['admin', 'leader', 'reporter', 'unit', 'display', 'system'].includes(value) ? roleText(value, t) : value;
    case 'revoked':
    case 'disabled':
      return value === 'true' ? t('adminOps.common.yes') : value === 'false' ? t('adminOps.common.no') : value;
    default:
      return value;
  }
}
