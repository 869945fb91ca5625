/** What route modules get from `createApp`. */
import type { EngineFactory, RaceService } from '../services/race-service.ts';
import type { UserService } from '../services/user-service.ts';
import type { TokenService } from '../services/token-service.ts';
import type { Storage } from '../storage/storage.ts';
import type { AppealService } from '../services/appeal-service.ts';
import type { EvidenceService } from '../services/evidence-service.ts';
import type { FeedbackService } from '../services/feedback-service.ts';
import type { WorkspaceService } from '../services/workspace-service.ts';

export interface RouteDeps {
  storage: Storage;
  race: RaceService;
  users: UserService;
  tokens: TokenService;
  appeals: AppealService;
  evidence: EvidenceService;
  feedback: FeedbackService;
  workspace: WorkspaceService;
  /** Engines for published snapshots (exports of a past version). */
  createEngine: EngineFactory;
  /** IANA zone of the times in reports (SAIMA_TZ, default Asia/Shanghai). */
  timeZone: string;
  /** Cookies get `Secure` when served over HTTPS. */
  secureCookies: boolean;
}
