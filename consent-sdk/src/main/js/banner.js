// The banner: a modal dialog whose first layer offers "accept all" and "reject all" with equal weight, and whose
// second layer has one switch per purpose with its description and notice version.
const CSS = `
.psb{position:fixed;inset:auto 0 0 0;z-index:2147483647;max-height:90vh;overflow:auto;background:#fff;color:#111;
border-top:3px solid #1f4e79;box-shadow:0 -4px 16px rgba(0,0,0,.25);padding:1rem 1.5rem;font:1rem/1.4 system-ui,sans-serif}
.psb h2{margin:0 0 .5rem;font-size:1.25rem}.psb p{margin:.25rem 0}
.psb-row{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:.75rem}
.psb-btn{flex:1 1 10rem;padding:.6rem 1rem;font:inherit;font-weight:600;border:2px solid #1f4e79;border-radius:4px;background:#1f4e79;color:#fff;cursor:pointer}
.psb-alt{flex:1 1 10rem;padding:.6rem 1rem;font:inherit;border:2px solid #1f4e79;border-radius:4px;background:#fff;color:#1f4e79;cursor:pointer}
.psb button:focus-visible,.psb input:focus-visible{outline:3px solid #e8a400;outline-offset:2px}
.psb-gpc{padding:.5rem;background:#e7f3e7;border-left:4px solid #2e7d32}
.psb fieldset{border:1px solid #bbb;border-radius:4px;margin:.5rem 0;padding:.5rem .75rem}
.psb label{font-weight:600;display:flex;gap:.5rem;align-items:center}.psb small{color:#444}
.psb input{width:1.25rem;height:1.25rem}`;

function h(tag, props, ...children) {
  const el = document.createElement(tag);
  Object.entries(props || {}).forEach(([k, v]) => (k in el && !k.startsWith('aria') ? (el[k] = v) : el.setAttribute(k, v)));
  el.append(...children.filter((c) => c !== null));
  return el;
}

// Constructable style sheets pass a strict style-src CSP; a <style> element is the fallback.
function addStyles() {
  if (document.psbStyled) return;
  document.psbStyled = true;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch (e) {
    document.head.append(h('style', { textContent: CSS }));
  }
}

function trapFocus(dialog, event) {
  const focusable = [...dialog.querySelectorAll('button,input:not([disabled])')].filter((el) => el.offsetParent);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (event.shiftKey && document.activeElement === first) {
    last.focus();
    event.preventDefault();
  } else if (!event.shiftKey && document.activeElement === last) {
    first.focus();
    event.preventDefault();
  }
}

/**
 * view: {purposes, granted(key), gpcOff(key), gpc, renew}; t: texts; decide(choices, method) records and closes.
 */
export function openBanner(view, t, decide) {
  addStyles();
  const before = document.activeElement;
  const optional = view.purposes.filter((p) => !p.required);
  const close = (choices, method) => {
    dialog.remove();
    if (before && before.focus) before.focus();
    decide(choices, method);
  };
  const all = (value) => Object.fromEntries(optional.filter((p) => !(value && view.gpcOff(p.key))).map((p) => [p.key, value]));

  const switches = view.purposes.map((p) => {
    const off = view.gpcOff(p.key);
    const input = h('input', {
      type: 'checkbox', role: 'switch', id: 'psb-' + p.key, name: p.key,
      checked: p.required || (!off && view.granted(p.key)), disabled: p.required || off,
      'aria-describedby': 'psb-d-' + p.key,
    });
    return h('fieldset', {},
      h('label', { htmlFor: 'psb-' + p.key }, input, p.title),
      h('p', { id: 'psb-d-' + p.key }, p.description),
      h('small', {}, t.notice + ' ' + p.noticeVersion + (p.required ? ' · ' + t.alwaysOn : '') + (off ? ' · ' + t.gpcPurpose : '')));
  });
  const custom = () => close(Object.fromEntries(optional.map((p) => [p.key, document.getElementById('psb-' + p.key).checked])), 'custom');
  const firstLayer = h('div', { className: 'psb-row' },
    h('button', { type: 'button', className: 'psb-btn', onclick: () => close(all(false), 'reject-all') }, t.rejectAll),
    h('button', { type: 'button', className: 'psb-btn', onclick: () => close(all(true), 'accept-all') }, t.acceptAll),
    h('button', { type: 'button', className: 'psb-alt', 'aria-expanded': 'false', onclick: () => showLayer(true) }, t.settings));
  const secondLayer = h('div', { hidden: true }, ...switches,
    h('div', { className: 'psb-row' },
      h('button', { type: 'button', className: 'psb-btn', onclick: custom }, t.save),
      h('button', { type: 'button', className: 'psb-alt', onclick: () => showLayer(false) }, t.back)));
  const dialog = h('div', {
    className: 'psb', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'psb-title', 'aria-describedby': 'psb-intro', lang: t.lang,
  },
  h('h2', { id: 'psb-title' }, t.title),
  h('p', { id: 'psb-intro' }, view.renew ? t.renew + ' ' + t.intro : t.intro),
  view.gpc ? h('p', { className: 'psb-gpc', role: 'status' }, t.gpc) : null,
  firstLayer, secondLayer);

  function showLayer(second) {
    secondLayer.hidden = !second;
    firstLayer.lastChild.setAttribute('aria-expanded', String(second));
    (second ? secondLayer.querySelector('input:not([disabled]),button') : firstLayer.firstChild).focus();
  }
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Tab') trapFocus(dialog, event);
    if (event.key === 'Escape' && !secondLayer.hidden) showLayer(false);
  });
  document.body.append(dialog);
  firstLayer.firstChild.focus();
  return dialog;
}
