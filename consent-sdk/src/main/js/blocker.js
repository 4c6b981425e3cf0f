// Holds back <script type="text/plain" data-purpose> and <iframe data-purpose data-src> until their purpose is
// granted, then runs or loads them in place, without a reload.
const HELD = 'script[type="text/plain"][data-purpose],iframe[data-purpose]';

function runScript(held) {
  const script = document.createElement('script');
  for (const attr of held.attributes) {
    if (attr.name !== 'type') {
      script.setAttribute(attr.name, attr.value);
    }
  }
  // Inline code needs the page's nonce under a strict CSP; the attribute copy above cannot carry it.
  script.nonce = held.nonce;
  script.type = held.dataset.type || 'text/javascript';
  script.textContent = held.textContent;
  held.replaceWith(script);
}

export function applyTo(root, allowed) {
  root.querySelectorAll(HELD).forEach((el) => {
    const granted = allowed(el.dataset.purpose);
    if (el.tagName === 'SCRIPT') {
      if (granted) runScript(el);
    } else if (granted && el.dataset.src && el.getAttribute('src') !== el.dataset.src) {
      el.src = el.dataset.src;
    } else if (!granted && el.hasAttribute('src') && el.getAttribute('src') !== 'about:blank') {
      // A withdrawn purpose's frame is unloaded: it must not keep reading or writing cookies.
      el.dataset.src = el.dataset.src || el.getAttribute('src');
      el.src = 'about:blank';
    }
  });
}

// Cookies named in data-cookies="a b" of the held elements of one purpose (removed on withdrawal).
export function cookiesOf(purpose) {
  const names = [];
  document.querySelectorAll('[data-purpose][data-cookies]').forEach((el) => {
    if (el.dataset.purpose === purpose) names.push(...el.dataset.cookies.split(/\s+/).filter(Boolean));
  });
  return names;
}

// Elements added later (single-page apps, tag managers) follow the same rule.
export function watch(allowed) {
  new MutationObserver(() => applyTo(document, allowed))
    .observe(document.documentElement, { childList: true, subtree: true });
}
