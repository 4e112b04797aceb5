// The console sign-in the admin console and the store tablet share (ADR 0021). The markup:
//
//   <form id="signin" class="card signin" novalidate>
//     <h2 data-i18n="signin.title">登录</h2>
//     <label for="signin-key" data-i18n="signin.key">API 密钥</label>
//     <input id="signin-key" name="key" type="password" autocomplete="off" spellcheck="false" required>
//     <p class="muted" data-i18n="signin.hint"></p>
//     <button type="submit" data-i18n="signin.submit">登录</button>
//     <p id="signin-error" class="error" role="alert" hidden></p>
//   </form>
//
// mountSignIn(form, onSignedIn) posts the key once to /api/v1/sessions as a Bearer key; the
// server answers with an HttpOnly session cookie and the CSRF token (kept by api.js). The key is
// cleared from the field at once and kept nowhere.

import { ApiError, post, del, rememberSession, forgetSession, currentSession } from './api.js';
import { t } from './i18n.js';

export { currentSession };

export function mountSignIn(form, onSignedIn) {
  const input = form.querySelector('input[name="key"]');
  const button = form.querySelector('button[type="submit"]');
  const error = form.querySelector('[role="alert"]');
  const showError = (text) => {
    error.textContent = text;
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', error.id);
    input.focus();
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    input.removeAttribute('aria-invalid');
    const key = input.value.trim();
    if (!key) {
      showError(t('signin.error.empty'));
      return;
    }
    button.disabled = true;
    button.textContent = t('signin.busy');
    try {
      const session = await post('/api/v1/sessions', undefined, { bearer: key });
      input.value = '';
      rememberSession(session);
      onSignedIn(session);
    } catch (e) {
      input.value = '';
      const code = e instanceof ApiError ? e.code : 'generic';
      const known = `signin.error.${code}`;
      showError(t(known) !== known ? t(known) : t('error.generic'));
    } finally {
      button.disabled = false;
      button.textContent = t('signin.submit');
    }
  });
}

/** Ends the session on the server (the cookie is cleared by its answer) and here. */
export async function signOut() {
  try {
    await del('/api/v1/sessions/current');
  } catch (e) {
    // ended already (401): nothing left to end
  } finally {
    forgetSession();
  }
}
