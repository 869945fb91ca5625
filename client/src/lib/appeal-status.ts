/**
 * One colour per appeal status, for the unit's workspace and the organization department's review
 * console alike: grey while waiting, orange under review, green granted, blue partly granted, red
 * rejected. (The two views had coloured the same case differently.)
 */
import type { AppealStatus } from '../../../shared/appeals.ts';

export type StatusTone = 'info' | 'warning' | 'success' | 'danger' | 'primary';

/** Element Plus tag type of a status. */
export function statusTone(s: AppealStatus): StatusTone {
  switch (s) {
    case 'submitted':
      return 'info';
    case 'under_review':
      return 'warning';
    case 'accepted':
    case 'clarified':
      return 'success';
    case 'partial':
      return 'primary';
    case 'rejected':
      return 'danger';
  }
}
