/** Feedback of the organization department to a unit (组织部反馈), shown in its workspace. */
import type { Storage } from '../storage/storage.ts';
import { writeAudit } from '../storage/audit-repo.ts';
import { newId } from '../auth/secrets.ts';

export interface Feedback {
  id: string;
  at: string;
  author: string;
  period: string | null;
  text: string;
}

export function createFeedbackService(storage: Storage, now: () => Date) {
  async function add(unit: string, input: { period?: string | null; text: string }, author: string): Promise<Feedback> {
    const at = now().toISOString();
    const row = { id: newId('fb'), unit, period: input.period ?? null, text: input.text, author, at };
    await storage.tx(async (trx) => {
      await trx.insertInto('feedback').values(row).execute();
      await writeAudit(trx, { at, actor: author, action: 'feedback:added', target: `feedback:${row.id} unit:${unit}`, after: row });
    });
    return { id: row.id, at, author, period: row.period, text: row.text };
  }

  /** Newest first. */
  async function list(unit: string): Promise<Feedback[]> {
    const rows = await storage.db.selectFrom('feedback').selectAll().where('unit', '=', unit).orderBy('at', 'desc').orderBy('id').limit(500).execute();
    return rows.map((r) => ({ id: r.id, at: r.at, author: r.author, period: r.period, text: r.text }));
  }

  return { add, list };
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;
