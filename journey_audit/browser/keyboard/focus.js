// Keyboard replay's view of focus, installed once per document as window.__jaKeyboard.
// It only reads the page: no attribute, class or style is written (the DOM-change count stays honest); it
// listens to focus events (see ``trail``).
(() => {
  const FOCUSABLE = "a[href], area[href], button, input:not([type=hidden]), select, textarea, iframe, frame, " +
    "summary, [tabindex], [contenteditable='' i], [contenteditable=true i], audio[controls], video[controls]";
  const INTERACTIVE = "a[href], area[href], button, input, select, textarea, summary, [role=button], [role=link], " +
    "[role=checkbox], [role=radio], [role=switch], [role=tab], [role=menuitem], [role=option], [role=combobox]";
  // What a focus indicator changes; compared on the element, its labels, the next sibling (input:focus + span)
  // and their ::before/::after, and on the parent (:focus-within).
  const PROPS = ["outline-style", "outline-width", "outline-color", "outline-offset", "box-shadow",
    "border-top-style", "border-top-width", "border-top-color", "border-bottom-style", "border-bottom-width",
    "border-bottom-color", "border-left-style", "border-left-width", "border-left-color", "border-right-style",
    "border-right-width", "border-right-color", "background-color", "background-image", "color",
    "text-decoration-line", "text-decoration-thickness"];
  const base = new WeakMap();
  const ids = new WeakMap();
  let nextId = 1;
  const kb = { target: null };
  const text = (s) => (s || "").replace(/\s+/g, " ").trim().slice(0, 100);
  const idOf = (el) => { if (!ids.has(el)) ids.set(el, nextId++); return ids.get(el); };
  const deepActive = () => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return a;
  };
  const isBody = (a) => !a || a === document.body || a === document.documentElement;

  // Where focus went between two reads, which the walk cannot see by reading focus after each key alone.
  // Tab past the end of the page gives focus to the browser (the page itself is focused, document.hasFocus()
  // is false), and a headless window may give it straight back to the page's first stop: a message of its
  // own that can come after the walk read the page itself and before its next Tab moved focus on (seen on a
  // busy machine), so the first stop would be passed unseen. The trail keeps the elements that took focus
  // since the last read, and LEFT when focus left the page for the browser (a window blur with no element
  // focused; a blur into an iframe leaves the iframe focused, so it is not one).
  const LEFT = "left";
  const trail = [];
  let outside = false;  // the last read found focus on the page itself
  const remember = (entry) => { trail.push(entry); if (trail.length > 100) trail.shift(); };
  document.addEventListener("focusin", (e) => remember(e.composedPath()[0] || e.target), true);
  window.addEventListener("blur", (e) => {
    if (e.target === window && isBody(document.activeElement)) remember(LEFT);
  });
  // Since the last read: did focus leave the page, and which element did it come back to first when a key
  // has moved it on from there (so the walk passed it unseen)?
  const sinceLastRead = (active) => {
    const moved = trail.splice(0);
    const wasOutside = outside;
    outside = isBody(active);
    const lastLeft = moved.lastIndexOf(LEFT);
    if (lastLeft < 0 && !wasOutside) return { left: false, back: null };
    const back = moved.slice(lastLeft + 1).find((el) => el !== LEFT);
    return { left: lastLeft >= 0, back: back && back !== active && back.isConnected ? back : null };
  };

  // An outline or border side whose style is none/hidden draws nothing, whatever its width, colour or offset
  // (Chrome's own a:focus-visible sets outline-offset: 1px even under a page's `outline: none`).
  const drawn = (cs, p) => {
    const side = p.match(/^(outline|border-(?:top|bottom|left|right))-(width|color|offset)$/);
    if (!side) return true;
    const line = cs.getPropertyValue(`${side[1]}-style`);
    return line !== "none" && line !== "hidden";
  };
  const style = (el, pseudo) => {
    const cs = getComputedStyle(el, pseudo);
    if (pseudo && (cs.content === "none" || cs.content === "normal")) return "";
    return PROPS.map((p) => (drawn(cs, p) ? cs.getPropertyValue(p) : "-")).join("|");
  };
  const parts = (el) => {
    const out = [];
    const own = [el, ...(el.labels ? [...el.labels] : [])];
    if (el.nextElementSibling) own.push(el.nextElementSibling);
    for (const e of own) out.push(style(e, null), style(e, "::before"), style(e, "::after"));
    if (el.parentElement) out.push(style(el.parentElement, null));
    return out;
  };
  const transitionMs = (el) => {
    const cs = getComputedStyle(el);
    const secs = (v) => Math.max(0, ...v.split(",").map((s) => parseFloat(s) * (s.includes("ms") ? 0.001 : 1) || 0));
    return Math.min(500, 1000 * (secs(cs.transitionDuration) + secs(cs.transitionDelay)));
  };

  const role = (el) => {
    const explicit = (el.getAttribute("role") || "").trim().split(/\s+/)[0];
    if (explicit) return explicit;
    const tag = el.tagName.toLowerCase();
    if ((tag === "a" || tag === "area") && el.hasAttribute("href")) return "link";
    if (tag === "button" || tag === "summary") return "button";
    if (tag === "select") return el.multiple || el.size > 1 ? "listbox" : "combobox";
    if (tag === "textarea") return "textbox";
    if (tag === "input") {
      const t = (el.type || "text").toLowerCase();
      return { checkbox: "checkbox", radio: "radio", range: "slider", number: "spinbutton", search: "searchbox",
        submit: "button", button: "button", reset: "button", image: "button", file: "button" }[t] || "textbox";
    }
    if (tag === "iframe" || tag === "frame") return "iframe";
    return null;
  };
  const nameOf = (el) => {
    const by = el.getAttribute("aria-labelledby");
    if (by) {
      const t = text(by.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean)
        .map((e) => e.textContent).join(" "));
      if (t) return t;
    }
    if (text(el.getAttribute("aria-label"))) return text(el.getAttribute("aria-label"));
    if (el.labels && el.labels.length) return text([...el.labels].map((l) => l.textContent).join(" "));
    const tag = el.tagName;
    if (tag === "INPUT" && ["submit", "button", "reset"].includes(el.type)) return text(el.value);
    if (tag === "IMG" || tag === "AREA") return text(el.alt);
    if (!["INPUT", "SELECT", "TEXTAREA", "IFRAME"].includes(tag)) {
      const t = text(el.innerText || el.textContent);
      if (t) return t;
      const img = el.querySelector("img[alt]");
      if (img && text(img.alt)) return text(img.alt);
    }
    return text(el.getAttribute("title") || el.getAttribute("placeholder") || el.getAttribute("name") || "");
  };
  const tabindexOf = (el) => (el.hasAttribute("tabindex") ? parseInt(el.getAttribute("tabindex"), 10) : null);
  const describe = (el) => {
    const r = el.getBoundingClientRect();
    return {
      id: idOf(el), name: nameOf(el), tag: el.tagName.toLowerCase(), role: role(el),
      box: { x: Math.round(r.x + scrollX), y: Math.round(r.y + scrollY), width: Math.round(r.width),
        height: Math.round(r.height) },
      tabindex: Number.isNaN(tabindexOf(el)) ? null : tabindexOf(el),
      in_form: !!(el.form || el.closest("form")),
      frame: el.tagName === "IFRAME" || el.tagName === "FRAME",
    };
  };
  const sameGroup = (a, t) => {
    if (a.type === "radio" && t.type === "radio" && a.tagName === "INPUT" && t.tagName === "INPUT")
      return !!a.name && a.name === t.name && a.form === t.form;
    if (a.getAttribute("role") === "radio" && t.getAttribute("role") === "radio") {
      const g = a.closest("[role=radiogroup]");
      return !!g && g === t.closest("[role=radiogroup]");
    }
    return false;
  };
  // ``inner`` is ``outer`` or inside it, through open shadow roots (a custom element's own button).
  const within = (outer, inner) => {
    for (let n = inner; n; n = n.parentNode || n.host) if (n === outer) return true;
    return false;
  };
  const isTarget = (a) => {
    const t = kb.target;
    if (!t || !a) return false;
    return within(t, a) || (within(a, t) && a.matches(INTERACTIVE)) || sameGroup(a, t);
  };
  const visibleNow = async (el) => {
    const before = base.get(el);
    if (!before) return { visible: null, evidence: null };
    let now = parts(el);
    let changed = now.some((v, i) => v !== before[i]);
    const wait = changed ? 0 : transitionMs(el);
    if (wait > 0) {  // a transition may not have started moving yet: look again when it has run
      await new Promise((r) => setTimeout(r, wait));
      now = parts(el);
      changed = now.some((v, i) => v !== before[i]);
    }
    return changed ? { visible: true, evidence: null } : {
      visible: false,
      evidence: "outline, box-shadow, border, background, colour and text decoration unchanged on focus " +
        "(compared on the element, its labels, the next element and their ::before/::after, and its parent)",
    };
  };

  // The tab order as the browser should walk it (positive tabindex first, then document order; one stop per
  // radio group). Only used to choose Tab or Shift+Tab: the walk itself always reads real focus.
  const tabOrder = (all) => {
    const groups = new Set();
    const order = all.filter((el) => el.tabIndex >= 0 && !el.disabled && !el.closest("[inert]") &&
      el.getClientRects().length && getComputedStyle(el).visibility !== "hidden").filter((el) => {
      if (el.tagName !== "INPUT" || el.type !== "radio" || !el.name) return true;
      const key = el.name + "\u0000" + (el.form ? idOf(el.form) : 0);
      if (groups.has(key)) return false;
      groups.add(key);
      return true;
    });
    return order.map((el, i) => [el, i]).sort((x, y) => ((x[0].tabIndex || 1e9) - (y[0].tabIndex || 1e9)) ||
      (x[1] - y[1])).map((x) => x[0]);
  };
  // Focusable elements inside open shadow roots (web components), at any depth.
  const inShadows = () => {
    const found = [];
    const visit = (root) => {
      for (const el of root.querySelectorAll("*")) {
        if (!el.shadowRoot) continue;
        found.push(...el.shadowRoot.querySelectorAll(FOCUSABLE));
        visit(el.shadowRoot);
      }
    };
    visit(document);
    return found;
  };
  // Unfocused looks of every focusable element, taken once at the start of each step; and how far the
  // target is from focus forwards (Tab) and backwards (Shift+Tab), counting one press for the page itself
  // when the walk wraps round.
  kb.snapshot = () => {
    const active = deepActive();
    const all = [...document.querySelectorAll(FOCUSABLE)];
    for (const el of [...all, ...inShadows()]) if (el !== active) base.set(el, parts(el));
    const order = tabOrder(all);
    const n = order.length;
    const at = isBody(active) ? -1 : order.findIndex((el) => el === active || sameGroup(el, active));
    const to = order.findIndex((el) => isTarget(el));
    const plan = { tabbable: n, forward: null, backward: null };
    if (at >= 0 && to >= 0) {
      plan.forward = to > at ? to - at : n - at + to + 1;
      plan.backward = at >= to ? at - to : at + n - to + 1;
    }
    return plan;
  };
  kb.setTarget = (el) => { kb.target = el; return describe(el); };
  // The focused element after a key, with ``left`` (focus went out to the browser since the last read) and
  // ``back`` (the stop focus came back to from there, already passed by a key: its focus style is not judged).
  kb.stop = async () => {
    const a = deepActive();
    const since = sinceLastRead(a);
    const moved = { left: since.left, back: since.back && { ...describe(since.back), is_body: false,
      is_target: isTarget(since.back), focus_visible: null, evidence: null } };
    if (isBody(a)) return { is_body: true, id: 0, tag: a ? a.tagName.toLowerCase() : null, ...moved };
    const out = describe(a);
    const seen = await visibleNow(a);
    return { ...out, is_body: false, is_target: isTarget(a), focus_visible: seen.visible, evidence: seen.evidence,
      ...moved };
  };
  // Why Tab could not reach the target: a fact about the element itself, not a guess from the walk.
  kb.targetFacts = () => {
    const t = kb.target;
    if (!t || !t.isConnected) return { connected: false };
    const native = t.matches("a[href], area[href], button, input:not([type=hidden]), select, textarea, iframe, " +
      "summary, [contenteditable='' i], [contenteditable=true i]");
    const shown = t.getClientRects().length > 0 && getComputedStyle(t).visibility !== "hidden";
    return { connected: true, native, tabindex: tabindexOf(t), disabled: !!t.disabled,
      inert: !!t.closest("[inert]"), shown, ...describe(t) };
  };
  kb.focusAfter = () => {
    const a = deepActive();
    if (isBody(a)) return { tag: a ? a.tagName.toLowerCase() : "body", name: "", is_body: true,
      in_error_summary: false, is_invalid_field: false };
    const field = a.matches("input, select, textarea, [role=textbox], [role=combobox]");
    return {
      tag: a.tagName.toLowerCase(), name: nameOf(a), is_body: false,
      in_error_summary: !!a.closest(".govuk-error-summary, [class*='error-summary' i], [class*='error_summary' i], " +
        "[id*='error-summary' i], [role=alert]"),
      is_invalid_field: field && (a.getAttribute("aria-invalid") === "true" || a.matches(":user-invalid") ||
        !!a.closest("[class*='error' i]:not(form):not(body)")),
    };
  };
  // Radio group or list state, for the arrow keys.
  kb.choice = () => {
    const a = deepActive();
    const t = kb.target;
    if (!a || !t) return null;
    const checked = (el) => el.checked === true || el.getAttribute("aria-checked") === "true";
    const scope = t.form || t.closest("[role=radiogroup]") || document;
    const group = [...scope.querySelectorAll("input[type=radio], [role=radio]")]
      .filter((el) => (el === t || sameGroup(el, t)) && !el.disabled);
    const at = group.indexOf(a), to = group.indexOf(t), n = group.length;
    // Arrow keys wrap round a radio group: go the shorter way
    const down = at < 0 || to < 0 || (to - at + n) % n <= (at - to + n) % n;
    return { on_target: a === t, target_checked: checked(t), active_checked: checked(a), down };
  };
  kb.skipTarget = (a) => {
    const href = a && a.getAttribute && a.getAttribute("href");
    if (!href || !href.startsWith("#") || href.length < 2) return null;
    return document.getElementById(decodeURIComponent(href.slice(1))) ||
      document.getElementsByName(decodeURIComponent(href.slice(1)))[0] || null;
  };
  kb.skipLink = () => {
    const a = deepActive();
    if (isBody(a)) return { present: false, name: "" };
    const to = kb.skipTarget(a);
    kb.skipTo = to;
    return { present: !!to, name: nameOf(a) };
  };
  // After Enter on the skip link: focus is in its target, or the next Tab starts from it.
  kb.skipLanded = () => {
    const a = deepActive();
    const to = kb.skipTo;
    if (!to || isBody(a)) return false;
    return to === a || to.contains(a) || !!(to.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING);
  };
  return kb;
})()
