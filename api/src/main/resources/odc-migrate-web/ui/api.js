// The page's only way to the server: the REST API, with the bearer token of this browser tab.
// Paths are relative to the page, so the page also works behind a proxy that adds a prefix.

const TOKEN_KEY = 'odc-migrate.token';

/** An answer of the API that is not 2xx, with the problem document's detail. */
export class ApiError extends Error {
  constructor(status, detail, problem) {
    super(detail);
    this.status = status;
    this.problem = problem || {};
  }
}

let askForToken = async () => false;
let pendingAsk = null;

/** Called with {detail, refused} on a 401; resolves true once the user entered a token. */
export function onTokenNeeded(ask) {
  askForToken = ask;
}

export function storedToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null; // storage disabled: the token then lives as long as the page
  }
}

let memoryToken = null;

export function currentToken() {
  return storedToken() || memoryToken;
}

export function storeToken(token) {
  memoryToken = token || null;
  try {
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
    } else {
      sessionStorage.removeItem(TOKEN_KEY);
    }
  } catch {
    // kept in memory only
  }
}

/** One prompt at a time, however many calls were refused together. */
function ask(detail, refused) {
  if (!pendingAsk) {
    pendingAsk = Promise.resolve(askForToken({detail, refused})).finally(() => {
      pendingAsk = null;
    });
  }
  return pendingAsk;
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch {
      // fall through: a body that is not the promised JSON
    }
  }
  return {status: response.status, detail: `The server answered ${response.status} ${response.statusText}`.trim()};
}

/** Calls the API; resolves with the JSON answer, rejects with an ApiError. */
export async function request(method, path, body) {
  for (;;) {
    const token = currentToken();
    const headers = {Accept: 'application/json'};
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch {
      throw new ApiError(0, 'The API cannot be reached: check that odc-migrate is running and reachable from'
          + ' this computer, then try again.');
    }
    if (response.status === 401) {
      const problem = await problemOf(response);
      if (currentToken() !== token) {
        continue; // a token was entered while this call was under way
      }
      if (await ask(problem.detail, Boolean(token))) {
        continue;
      }
      throw new ApiError(401, 'This page needs an access token of the API: choose "Access token" to enter one.',
          problem);
    }
    if (!response.ok) {
      const problem = await problemOf(response);
      throw new ApiError(response.status, problem.detail || `The API answered ${response.status}`, problem);
    }
    return response.status === 204 ? null : response.json();
  }
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body);
export const put = (path, body) => request('PUT', path, body);

/** What to tell the user about a failed call, worded as what to do. */
export function explain(error) {
  if (!(error instanceof ApiError)) {
    return `Something went wrong on this page: ${error && error.message ? error.message : error}`;
  }
  if (error.status === 403) {
    return 'Your access token may not do this: starting, pausing, resuming and cancelling migrations needs a token'
        + ' with the role'
        + ' operator, while a viewer token only reads. Enter an operator token with "Access token".'
        + ` (The API said: ${error.message})`;
  }
  return error.message;
}

/** Path segments as the API expects them: names and ids are percent-encoded, never trusted. */
export function path(...segments) {
  return segments.map((s, i) => (i === 0 ? s : encodeURIComponent(s))).join('/');
}
