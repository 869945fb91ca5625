/**
 * Events (SPEC §5): the only way standings change. Each is stored in one append-only log with a
 * global sequence number; standings are a pure function of (scheme, events up to version v).
 */
import { z } from 'zod';
import { Id, SchemeSchema } from './scheme.ts';

const Reason = z.string().trim().min(1).max(2000);
const Evidence = z.array(z.string().max(500)).max(50).default([]);
const Points = z.number().finite().gt(0).max(1000);

/** A value is a number, a grade label (定性评价), or null to withdraw the value. */
export const IndicatorValue = z.union([z.number().finite(), z.string().trim().min(1).max(20), z.null()]);

const valueFields = {
  period: Id,
  unit: Id,
  indicator: Id,
  value: IndicatorValue,
  /** Where the number came from: form, import file, API system … */
  source: z.string().max(200).optional(),
};

export const EventDataSchemas = {
  'value:recorded': z.object(valueFields),
  'value:corrected': z.object({ ...valueFields, reason: Reason }),
  'adjustment:recorded': z.object({
    id: Id,
    period: Id,
    unit: Id,
    track: Id,
    kind: z.enum(['bonus', 'deduction']),
    points: Points,
    reason: Reason,
    evidence: Evidence,
  }),
  'adjustment:revoked': z.object({ id: Id, reason: Reason }),
  'veto:recorded': z.object({
    id: Id,
    period: Id,
    unit: Id,
    /** Omitted: the veto applies to every track of the unit in that period. */
    track: Id.optional(),
    reason: Reason,
    evidence: Evidence,
  }),
  'veto:revoked': z.object({ id: Id, reason: Reason }),
  /** Outcome of a 容错 application or a clarification on a deduction or veto. */
  'waiver:decided': z.object({
    target: Id,
    decision: z.enum(['accepted', 'partial', 'rejected', 'clarified']),
    /** For `partial`: how many points of the deduction are waived. */
    points: Points.optional(),
    reference: z.string().trim().max(200).default(''),
    reasoning: Reason,
  }),
  'rating:recorded': z.object({
    period: Id,
    cadre: Id,
    raterGroup: Id,
    rater: z.string().trim().min(1).max(100),
    score: z.number().finite().min(0).max(100),
  }),
  'cadre:adjusted': z.object({
    id: Id,
    period: Id,
    cadre: Id,
    kind: z.enum(['bonus', 'deduction']),
    points: Points,
    reason: Reason,
  }),
  'scheme:changed': z.object({
    scheme: SchemeSchema,
    /**
     * First period the new scheme scores; the periods before it keep the scheme in force for
     * them (shared/engine/eras.ts). Omitted: every period (logs written before the option).
     */
    effectiveFrom: Id.optional(),
    /** Published periods this change re-scores, and why (an explicit admin choice). */
    rescore: z.object({ periods: z.array(Id).min(1).max(60), reason: Reason }).optional(),
  }),
  'period:published': z.object({ period: Id, note: z.string().max(2000).default('') }),
} as const;

export type EventType = keyof typeof EventDataSchemas;
export const EVENT_TYPES = Object.keys(EventDataSchemas) as EventType[];
export type EventData<T extends EventType> = z.infer<(typeof EventDataSchemas)[T]>;

/** An event as submitted (before it has a place in the log). */
export const EventBodySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('value:recorded'), data: EventDataSchemas['value:recorded'] }),
  z.object({ type: z.literal('value:corrected'), data: EventDataSchemas['value:corrected'] }),
  z.object({ type: z.literal('adjustment:recorded'), data: EventDataSchemas['adjustment:recorded'] }),
  z.object({ type: z.literal('adjustment:revoked'), data: EventDataSchemas['adjustment:revoked'] }),
  z.object({ type: z.literal('veto:recorded'), data: EventDataSchemas['veto:recorded'] }),
  z.object({ type: z.literal('veto:revoked'), data: EventDataSchemas['veto:revoked'] }),
  z.object({ type: z.literal('waiver:decided'), data: EventDataSchemas['waiver:decided'] }),
  z.object({ type: z.literal('rating:recorded'), data: EventDataSchemas['rating:recorded'] }),
  z.object({ type: z.literal('cadre:adjusted'), data: EventDataSchemas['cadre:adjusted'] }),
  z.object({ type: z.literal('scheme:changed'), data: EventDataSchemas['scheme:changed'] }),
  z.object({ type: z.literal('period:published'), data: EventDataSchemas['period:published'] }),
]);
export type EventBody = z.infer<typeof EventBodySchema>;

/** An event in the log: its body plus the envelope the server gives it. */
export type LogEvent = EventBody & {
  /** Global sequence number (= the standings version after it). */
  seq: number;
  /** When it was recorded, ISO 8601 UTC. Passed in; the engine never reads the clock. */
  at: string;
  /** Who recorded it (user id or token id). */
  actor: string;
};

export const LogEventSchema = z.intersection(
  EventBodySchema,
  z.object({ seq: z.number().int().min(1), at: z.string().min(1).max(40), actor: z.string().min(1).max(200) }),
);
