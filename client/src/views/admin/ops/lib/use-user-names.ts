/**
 * People's names for actor ids in histories and the audit log (`u_…` user ids). Only admins may
 * list users; for others, and for actors that are not users (feeder, API tokens), the id stays.
 */
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useSessionStore } from '../../../../stores/session.ts';
import { getJson } from './http.ts';

const names = ref<Record<string, string>>({});
const usernames = ref<Record<string, string>>({});
let loading: Promise<void> | null = null;

/** Call from a component's setup (it uses the component's i18n). */
export function useUserNames() {
  const { t } = useI18n();
  if (useSessionStore().user?.role === 'admin')
    loading ??= getJson<{ items?: Array<{ id: string; username: string; displayName?: string }> }>('/api/users')
      .then((r) => {
        const out: Record<string, string> = {};
        const handles: Record<string, string> = {};
        for (const u of r.items ?? []) {
          out[u.id] = u.displayName && u.displayName !== u.username ? u.displayName : '';
          handles[u.id] = u.username;
        }
        names.value = out;
        usernames.value = handles;
      })
      .catch(() => {
        /* ids stay */
      });
  /** The person's name for an actor id, or the id itself. */
  const who = (actor: string | null | undefined): string => {
    if (!actor) return '';
    const name = names.value[actor];
    const handle = usernames.value[actor] ?? actor;
    return name ? t('fmt.paren', { a: name, b: handle }) : handle;
  };
  /** The username of a user id (undefined when not known). */
  const username = (id: string): string | undefined => usernames.value[id];
  return { who, username };
}
