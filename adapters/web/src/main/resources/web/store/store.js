// The store page: sign-in with the shared console session (assets/signin.js), then the page's
// own panels in #console (to come). Placeholder until the store is built.
import { applyTranslations, t, formatDateTime } from '/assets/i18n.js';
import { mountSignIn, signOut, currentSession } from '/assets/signin.js';

const form = document.getElementById('signin');
const session = document.getElementById('session');

function showSignedIn(s) {
  document.getElementById('session-roles').textContent = s.roles.map((r) => t(`role.${r}`)).join(', ');
  document.getElementById('session-expires').textContent = formatDateTime(s.expiresAt);
  form.hidden = true;
  session.hidden = false;
  document.getElementById('console').hidden = false;
  document.getElementById('session-title').focus({ preventScroll: true });
}

function showSignedOut() {
  form.hidden = false;
  session.hidden = true;
  document.getElementById('console').hidden = true;
}

applyTranslations();
mountSignIn(form, showSignedIn);
document.getElementById('signout').addEventListener('click', async () => {
  await signOut();
  showSignedOut();
});
const existing = currentSession();
if (existing) showSignedIn(existing);
