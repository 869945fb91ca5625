/** App entry: Pinia, router, i18n; remembers a display token from `?token=`. */
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { makeI18n, initialLocale } from './i18n/index.ts';
import { setDisplayToken } from './lib/api.ts';
import { makeRouter } from './router.ts';
import './styles.css';

const TOKEN_KEY = 'saima.displayToken';
const query = new URLSearchParams(window.location.search);
const token = query.get('token') ?? sessionStorage.getItem(TOKEN_KEY);
if (token) {
  sessionStorage.setItem(TOKEN_KEY, token);
  setDisplayToken(token);
}

const locale = initialLocale(window.location.search, localStorage.getItem('saima.lang'));
document.documentElement.lang = locale;

const app = createApp(App);
// An unattended wall display must never show an error page: log and keep the last frame.
app.config.errorHandler = (err) => console.error('[saima]', err);
app.use(createPinia());
app.use(makeRouter());
app.use(makeI18n(locale));
app.mount('#app');
