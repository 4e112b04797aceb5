// The console's calls to /api, through assets/api.js (session cookie + CSRF header). A 401 means
// the session is over (expired, signed out elsewhere, its key revoked): the page goes back to the
// sign-in form. Binary answers (PDF, exports) are read as Blobs with the same headers.
import { api, ApiError, csrfToken } from '/assets/api.js';

function signedOut(e) {
  if (e instanceof ApiError && e.status === 401) window.dispatchEvent(new Event('opencpm:signed-out'));
  throw e;
}

export const get = (path) => api('GET', path).catch(signedOut);
export const post = (path, body = {}) => api('POST', path, { body }).catch(signedOut);
export const put = (path, body) => api('PUT', path, { body }).catch(signedOut);

/** A path segment, escaped: codes and versions go into paths as data, never as path syntax. */
export const seg = (value) => encodeURIComponent(value);

/** GET as a Blob, asking for type; rejects with ApiError as api() does. */
export async function getBlob(path, type) {
  let response;
  try {
    response = await fetch(path, {
      headers: { Accept: type, 'X-CSRF-Token': csrfToken() || '' }, credentials: 'same-origin', cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, { detail: String(e) });
  }
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch (e) { problem = null; }
    return signedOut(new ApiError(response.status, problem));
  }
  return response.blob();
}
