// Calls to OpenCPM's /api from the pages: JSON in and out, errors as ApiError carrying the
// problem+json body (type, title, status, detail, errors), and — for a console signed in with a
// session (ADR 0021) — the session's CSRF token in X-CSRF-Token. The session cookie itself is
// HttpOnly: no script can read it, the browser sends it. The CSRF token lives in sessionStorage
// (this tab only, gone when it closes); an API key is never stored by the pages.

const CSRF_KEY = 'opencpm.csrf';
const SESSION_KEY = 'opencpm.session';

/** A refused or failed call: status, and the problem the server described (or one made up for a network failure). */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || {};
    this.code = this.problem.code || (status === 0 ? 'network' : `http-${status}`);
  }
}

export function csrfToken() {
  return sessionStorage.getItem(CSRF_KEY);
}

/** Remembers a signed-in session: its CSRF token and what the page may show (roles, ends). */
export function rememberSession(session) {
  sessionStorage.setItem(CSRF_KEY, session.csrfToken);
  sessionStorage.setItem(SESSION_KEY, JSON.stringify({ roles: session.roles, expiresAt: session.expiresAt }));
}

/** The signed-in session's roles and end, or null. */
export function currentSession() {
  const stored = sessionStorage.getItem(SESSION_KEY);
  return stored && csrfToken() ? JSON.parse(stored) : null;
}

export function forgetSession() {
  sessionStorage.removeItem(CSRF_KEY);
  sessionStorage.removeItem(SESSION_KEY);
}

/**
 * One call. options.body is sent as JSON; options.bearer sends a key instead of the session (for
 * the sign-in itself); options.headers adds headers. Resolves to the parsed JSON (or text, or null
 * for 204); rejects with ApiError.
 */
export async function api(method, path, options = {}) {
  const headers = { Accept: 'application/json, application/problem+json', ...(options.headers || {}) };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.bearer) {
    headers.Authorization = `Bearer ${options.bearer}`;
  } else if (csrfToken()) {
    headers['X-CSRF-Token'] = csrfToken();
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (e) {
    throw new ApiError(0, { title: 'Network error', detail: String(e && e.message ? e.message : e) });
  }
  const type = response.headers.get('Content-Type') || '';
  const isJson = type.includes('json');
  if (!response.ok) {
    let problem = null;
    try {
      problem = isJson ? await response.json() : { detail: await response.text() };
    } catch (e) {
      problem = null;
    }
    if (response.status === 401 && !options.bearer) forgetSession();
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return null;
  return isJson ? response.json() : response.text();
}

export const get = (path, options) => api('GET', path, options);
export const post = (path, body, options = {}) => api('POST', path, { ...options, body });
export const put = (path, body, options = {}) => api('PUT', path, { ...options, body });
export const del = (path, options) => api('DELETE', path, options);
