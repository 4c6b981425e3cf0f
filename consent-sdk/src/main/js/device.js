// The device id: a random UUID v4 in a first-party cookie, so that consent-service recognises the device.
const THIRTEEN_MONTHS = 396 * 24 * 3600;

function readCookie(name) {
  const found = document.cookie.split('; ').find((c) => c.startsWith(name + '='));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : null;
}

function writeCookie(name, value, secure) {
  document.cookie = name + '=' + value + '; Max-Age=' + THIRTEEN_MONTHS + '; Path=/; SameSite=Lax' + (secure ? '; Secure' : '');
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function deviceId(name) {
  let id = readCookie(name);
  if (!id || !UUID_V4.test(id)) {
    id = crypto.randomUUID();
  }
  // Written on every visit so that the 13 months run from the last visit, as the statement says.
  writeCookie(name, id, true);
  // Browsers refuse Secure cookies on plain http other than localhost; a local http page still gets its id.
  if (readCookie(name) !== id) {
    writeCookie(name, id, false);
  }
  return id;
}

// Removes the first-party cookies a withdrawn purpose set, on this host and its parent domains.
export function removeCookies(names) {
  const parts = location.hostname.split('.');
  const domains = [''];
  for (let i = 0; i < parts.length - 1; i++) {
    domains.push('; Domain=' + parts.slice(i).join('.'));
  }
  names.forEach((name) => domains.forEach((domain) => {
    document.cookie = name + '=; Max-Age=0; Path=/' + domain;
  }));
}
