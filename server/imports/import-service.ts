/**
 * Imports of values and ratings: read the file, plan every cell (all or nothing), then submit the
 * whole plan as one batch through the race's normal submit path — one transaction, idempotency
 * keys from the file's sha256 and the cell.
 */
import crypto from 'node:crypto';
import type { Principal } from '../auth/roles.ts';
import { isAdmin, ownsIndicator } from '../auth/roles.ts';
import type { RaceService } from '../services/race-service.ts';
import type { Storage } from '../storage/storage.ts';
import { errors } from '../http/errors.ts';
import { domainErrors } from '../services/domain-errors.ts';
import { indicatorOwners } from '../routes/scheme-index.ts';
import { periodValues } from '../storage/event-queries.ts';
import { findKeys } from '../storage/events-repo.ts';
import { readSheet } from './read-sheet.ts';
import { ImportErrors, planValues, type ImportPlan } from './import-values.ts';
import { planRatings } from './import-ratings.ts';
import { changeSubmissions, classify, reasonRequired } from './import-changes.ts';

export interface ImportRequest {
  kind: 'values' | 'ratings';
  period: string;
  track?: string;
  dryRun: boolean;
  data: Buffer;
  /** The uploaded file's name (X-Filename), for the audit trail only. */
  fileName?: string;
  /** Why recorded values are overwritten (required when the file overwrites any). */
  reason?: string;
  principal: Principal;
  english: boolean;
}

export function mayWriteIndicator(race: RaceService, p: Principal) {
  const owners = indicatorOwners(race.scheme()!);
  return (code: string) => isAdmin(p) || ownsIndicator(p, owners.get(code));
}

export async function runImport(storage: Storage, race: RaceService, req: ImportRequest) {
  const scheme = race.scheme();
  const engine = race.engine;
  if (!scheme || !engine) throw errors.noScheme();
  if (!scheme.season.periods.some((p) => p.id === req.period)) throw errors.badRequest(`考核期「${req.period}」不存在。`, `Period "${req.period}" does not exist.`);
  if (req.track !== undefined && !scheme.tracks.some((t) => t.id === req.track)) throw errors.badRequest(`赛道「${req.track}」不存在。`, `Track "${req.track}" does not exist.`);
  const sheet = await readSheet(req.data);
  const sha = crypto.createHash('sha256').update(req.data).digest('hex');
  let plan: ImportPlan;
  try {
    plan =
      req.kind === 'values'
        ? planValues({ rows: sheet.rows, scheme, engine, period: req.period, track: req.track, mayWrite: mayWriteIndicator(race, req.principal), sha, current: await periodValues(storage.db, req.period, { indicators: scheme.tracks.find((t) => t.id === req.track)?.indicators.map((i) => i.code) }), english: req.english })
        : planRatings({ rows: sheet.rows, scheme, engine, period: req.period, sha, english: req.english });
  } catch (e) {
    if (e instanceof ImportErrors) throw domainErrors.importInvalid(e.errors.length, e.errors.slice(0, 1000));
    throw e;
  }
  const base = { format: sheet.format, sha256: sha, cells: plan.cells, unchanged: plan.unchanged };
  if (plan.planned) return applyValues(race, req, base, classify(scheme, plan.planned, new Set((await findKeys(storage.db, plan.subs.map((s) => s.key!))).keys())));
  if (req.dryRun || !plan.subs.length) {
    const known = req.dryRun && plan.subs.length ? await findKeys(storage.db, plan.subs.map((s) => s.key!)) : new Map();
    return { ...base, dryRun: req.dryRun, applied: 0, duplicates: known.size, pending: req.dryRun ? plan.subs.length - known.size : 0, version: race.version };
  }
  const r = await race.submit(req.principal.actor, plan.subs, importLabel(sha, req.fileName));
  const duplicates = r.items.filter((i) => i.duplicate).length;
  return { ...base, dryRun: false, applied: r.items.length - duplicates, duplicates, pending: 0, version: r.version };
}

type Base = { format: string; sha256: string; cells: number; unchanged: number };

/** Previews or writes the cells of a values import (overwrites only with a reason). */
async function applyValues(race: RaceService, req: ImportRequest, base: Base, c: ReturnType<typeof classify>) {
  const { fresh, ...preview } = c;
  const reason = req.reason?.trim() || undefined;
  if (req.dryRun || !fresh.length) return { ...base, ...preview, dryRun: req.dryRun, applied: 0, pending: req.dryRun ? fresh.length : 0, version: race.version };
  if (c.overwritten > 0 && !reason) throw reasonRequired(c);
  const r = await race.submit(req.principal.actor, changeSubmissions(fresh, reason), importLabel(base.sha256, req.fileName));
  const duplicates = r.items.filter((i) => i.duplicate).length;
  return { ...base, ...preview, dryRun: false, applied: r.items.length - duplicates, duplicates: c.duplicates + duplicates, pending: 0, version: r.version };
}

const importLabel = (sha: string, fileName?: string) => `import ${sha.slice(0, 12)}${fileName ? ` ${fileName}` : ''}`;
