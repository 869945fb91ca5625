/**
 * Health probes for load balancers and monitors: `live` (the process answers) and `ready` (the
 * database answers a query and the engine has applied every event of the log). The old
 * `/api/health` (meta-routes.ts) stays for monitors that use it.
 */
import { z } from 'zod';
import { route, type RouteDef } from '../http/route.ts';
import { logSeq } from '../ops/probes.ts';
import type { RouteDeps } from './deps.ts';

const Ready = z.object({
  ready: z.boolean(),
  /** `single`: one server; a cluster will report `writer` or `follower`. */
  role: z.enum(['single']),
  version: z.number().int().describe('Version the engine has applied'),
  logSeq: z.number().int().nullable().describe('Seq of the last event in the database (null when it does not answer)'),
  reason: z.string().optional().describe('Why the server is not ready'),
});

export function healthRoutes({ storage, race }: RouteDeps): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/health/live',
      summary: 'Liveness: the process is up and answering',
      tag: 'meta',
      who: 'anyone',
      allow: () => true,
      response: z.object({ live: z.literal(true), uptimeSeconds: z.number() }),
      handler: () => ({ live: true, uptimeSeconds: Math.round(process.uptime()) }),
    }),
    route({
      method: 'get',
      path: '/api/health/ready',
      summary: 'Readiness: the database answers and the engine is caught up with the log (503 with a reason when not)',
      tag: 'meta',
      who: 'anyone',
      allow: () => true,
      response: Ready,
      async handler({ res }) {
        const version = race.version;
        let seq: number | null = null;
        let reason: string | undefined;
        try {
          seq = await logSeq(storage);
          if (race.version < seq) reason = `engine behind the log (version ${race.version}, log ${seq})`;
        } catch (err) {
          reason = `database does not answer: ${err instanceof Error ? err.message : String(err)}`;
        }
        const body: z.infer<typeof Ready> = { ready: !reason, role: 'single', version, logSeq: seq, ...(reason ? { reason } : {}) };
        res.status(reason ? 503 : 200).json(body);
      },
    }),
  ];
}
