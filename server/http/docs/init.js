// Starts Swagger UI on /api/docs. A separate file because the CSP allows no inline script.
// Try-it calls go same-origin with the session cookie; state-changing ones carry the session's
// CSRF token, read from GET /api/session/me as the web client does.
(function () {
  'use strict';
  var csrf = null;
  function csrfToken() {
    if (csrf) return Promise.resolve(csrf);
    return fetch('/api/session/me', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (me) { csrf = me.csrfToken || null; return csrf; })
      .catch(function () { return null; });
  }
  window.ui = window.SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    tryItOutEnabled: false,
    withCredentials: true,
    requestInterceptor: function (req) {
      if (/^(GET|HEAD|OPTIONS)$/i.test(req.method || 'GET')) return req;
      return csrfToken().then(function (token) {
        if (token && !req.headers['X-CSRF-Token']) req.headers['X-CSRF-Token'] = token;
        return req;
      });
    },
    responseInterceptor: function (res) {
      // Signing in or out through try-it changes the session: read the token again next time.
      if (/\/api\/session\/(login|logout)/.test(res.url || '')) csrf = null;
      return res;
    },
  });
})();
