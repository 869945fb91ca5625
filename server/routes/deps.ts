/** What route modules get from `createApp`. */
import type { RaceService } from '../services/race-service.ts';
import type { UserService } from '../services/user-service.ts';
import type { TokenService } from '../services/token-service.ts';
import type { Storage } from '../storage/storage.ts';
import type { AppealService } from '../services/appeal-service.ts';

export interface RouteDeps {
  storage: Storage;
  race: RaceService;
  users: UserService;
  tokens: TokenService;
  appeals: AppealService;
  /** Cookies get `Secure` when served over HTTPS. */
  secureCookies: boolean;
}
