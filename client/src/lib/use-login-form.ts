/** The state and submit of a sign-in form (the /login page and the board's inline form). */
import { ref } from 'vue';
import { useSessionStore } from '../stores/session.ts';

/** `after` runs once signed in (navigate, close the form); errors show as the form's message. */
export function useLoginForm(after: () => unknown) {
  const session = useSessionStore();
  const username = ref('');
  const password = ref('');
  const error = ref('');
  const busy = ref(false);
  async function submit(): Promise<void> {
    busy.value = true;
    error.value = '';
    try {
      await session.login(username.value, password.value);
      await after();
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      busy.value = false;
    }
  }
  return { username, password, error, busy, submit };
}
