"""The form controls a person would see on a page, with the names a screen reader would read out.

Search forms are left out (they are how people find things, not the service). One entry per text
field, select and checkbox; radio buttons are grouped into one question with its options.
"""

from __future__ import annotations

from typing import Any

CONTROLS_JS = """
() => {
  const text = el => (el ? (el.innerText || el.textContent || '') : '').replace(/\\s+/g, ' ').trim();
  const visible = el => { const r = el.getBoundingClientRect(), st = getComputedStyle(el);
    return (r.width > 0 || r.height > 0) && st.visibility !== 'hidden' && st.display !== 'none'; };
  const labelOf = el => {
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(/\\s+/).map(id => text(document.getElementById(id))).join(' ').trim();
    if (el.getAttribute('aria-label')) return el.getAttribute('aria-label').trim();
    if (el.id) { const l = document.querySelector('label[for="' + CSS.escape(el.id) + '"]'); if (l) return text(l); }
    const wrap = el.closest('label'); if (wrap) return text(wrap);
    return (el.title || '').trim();
  };
  const isSearch = f => f && (f.getAttribute('role') === 'search' || !!f.querySelector('input[type=search]')
    || /search/i.test(f.getAttribute('action') || ''));
  const hint = el => text(el.closest('tr, .govuk-form-group, p, li, div')).slice(0, 200);
  const errorNear = el => el.getAttribute('aria-invalid') === 'true'
    || !!el.closest('.govuk-form-group--error, .error, .field-error, [class*="--error"]');
  const out = [];
  const radios = {};
  for (const el of document.querySelectorAll('input, select, textarea')) {
    const type = (el.getAttribute('type') || el.tagName).toLowerCase();
    if (['hidden', 'submit', 'button', 'image', 'reset', 'search'].includes(type) || el.disabled || el.readOnly) continue;
    if (isSearch(el.form) || !visible(el)) continue;
    const base = { tag: el.tagName.toLowerCase(), type: type, name: el.name || '', id: el.id || '',
      label: labelOf(el), placeholder: el.getAttribute('placeholder') || '',
      autocomplete: (el.getAttribute('autocomplete') || '').toLowerCase(),
      inputmode: (el.getAttribute('inputmode') || '').toLowerCase(),
      required: el.required || el.getAttribute('aria-required') === 'true',
      value: el.value || '', checked: !!el.checked, error: errorNear(el), context: hint(el) };
    if (type === 'radio') {
      const key = el.name || el.id;
      if (!radios[key]) {
        const fs = el.closest('fieldset'), group = el.closest('[role=radiogroup]');
        radios[key] = { ...base, kind: 'radio', question: fs ? text(fs.querySelector('legend')) :
          (group ? (group.getAttribute('aria-label') || '') : ''), options: [] };
        out.push(radios[key]);
      }
      radios[key].options.push(labelOf(el));
      radios[key].checked = radios[key].checked || el.checked;
      radios[key].error = radios[key].error || errorNear(el);
      continue;
    }
    if (el.tagName === 'SELECT') {
      base.options = Array.from(el.options).map(o => [text(o) || o.label, o.value]);
    }
    if (type === 'checkbox') {
      const fs = el.closest('fieldset');
      base.question = fs ? text(fs.querySelector('legend')) : '';
    }
    out.push({ ...base, kind: el.tagName === 'SELECT' ? 'select' : (type === 'checkbox' ? 'checkbox' :
      (el.tagName === 'TEXTAREA' ? 'textarea' : type)) });
  }
  return out;
}
"""

BUTTONS_JS = """
() => {
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 || r.height > 0; };
  const isSearch = f => f && (f.getAttribute('role') === 'search' || !!f.querySelector('input[type=search]')
    || /search/i.test(f.getAttribute('action') || ''));
  return Array.from(document.querySelectorAll('button, input[type=submit], input[type=image], [role=button]'))
    .filter(el => visible(el) && !isSearch(el.form || el.closest('form')) && !el.closest('header, footer, nav'))
    .map(el => ({ name: (el.getAttribute('aria-label') || el.innerText || el.value || el.alt || '').replace(/\\s+/g, ' ').trim(),
                  tag: el.tagName.toLowerCase(), in_form: !!(el.form || el.closest('form')),
                  type: (el.getAttribute('type') || '').toLowerCase() }))
    .filter(b => b.name);
}
"""


def controls_on(page: Any) -> list[dict[str, Any]]:
    try:
        return page.evaluate(CONTROLS_JS)
    except Exception:
        return []


def buttons_on(page: Any) -> list[dict[str, Any]]:
    try:
        return page.evaluate(BUTTONS_JS)
    except Exception:
        return []
