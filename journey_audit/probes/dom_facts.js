// Every DOM fact the probes need, gathered in ONE page.evaluate round trip.
// Returns plain JSON; Python probes slice it into artifacts. Keep it side-effect free.
(opts) => {
  const maxLinks = opts.maxLinks || 300;
  const maxFields = opts.maxFields || 200;
  const maxText = opts.maxText || 20000;
  const clean = (s) => (s || "").replace(/\s+/g, " ").trim();
  const cut = (s, n) => (s.length > n ? s.slice(0, n) : s);

  const visible = (el) => {
    if (!el || !el.isConnected) return false;
    if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;
    if (r.right < 0 || r.bottom < 0) return false; // off-screen honeypots
    return true;
  };
  const idsText = (ids) =>
    clean((ids || "").split(/\s+/).filter(Boolean)
      .map((id) => document.getElementById(id)).filter(Boolean)
      .map((e) => e.textContent).join(" "));
  const describe = (el) => {
    if (!el || el === document.body) return "body";
    let s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    else if (el.className && typeof el.className === "string") s += "." + el.className.trim().split(/\s+/).slice(0, 2).join(".");
    return s;
  };

  // Main region: the content a user reads, without site header/footer/navigation.
  const root = document.querySelector("main, [role=main], #main-content, #content, #main") || document.body;
  // Legacy table layouts have no landmarks: their footer is a cell or div called "footer".
  const excluded = [...root.querySelectorAll("header, footer, nav, [role=banner], [role=contentinfo], [role=navigation], [role=search], " +
    "#footer, .footer, #site-footer, .site-footer, #page-footer, #header, #masthead, #nav, #navigation")];
  // innerText lays the text out: read the body's once (nothing here changes the page), and reuse it as the main
  // text when there is no main region.
  const bodyText = document.body ? document.body.innerText || "" : "";
  let mainText = root === document.body ? bodyText : root.innerText || "";
  for (const ex of excluded) {
    const t = ex.innerText;
    if (t && t.length > 2) mainText = mainText.replace(t, " ");
  }
  const inMain = (el) => root.contains(el) && !excluded.some((ex) => ex.contains(el));

  // Forms
  const formEls = [...document.forms];
  const isSearchForm = (f) => {
    if (!f) return false;
    if (f.getAttribute("role") === "search" || f.closest("[role=search], header, nav")) return true;
    if (f.querySelector("input[type=search]")) return true;
    if (/search/i.test(f.getAttribute("action") || "") || /search/i.test(f.id + " " + f.className)) return true;
    const ctrls = [...f.querySelectorAll("input, select, textarea")].filter((c) => !["hidden", "submit", "button", "image"].includes(c.type));
    return ctrls.length === 1 && /^(q|query|search|keys|s|term)$/i.test(ctrls[0].name || "");
  };
  const forms = formEls.map((f, i) => ({
    index: i,
    action: f.action || "",
    method: (f.getAttribute("method") || "get").toLowerCase(),
    novalidate: f.noValidate,
    search: isSearchForm(f),
    login: !!f.querySelector("input[type=password]"),
    visible: visible(f),
  }));

  const errorSel = ".govuk-error-message, .error-message, .field-error, .field-validation-error, [class*='error-message'], .invalid-feedback, .help-block.error";
  const controls = [...document.querySelectorAll("input, select, textarea")]
    .filter((el) => !["hidden", "submit", "button", "reset", "image"].includes((el.type || "").toLowerCase()));
  const errorNear = (el) => {
    const described = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean)
      .map((id) => document.getElementById(id)).filter(Boolean)
      .filter((e) => /error|invalid/i.test(e.className + " " + e.id) || /^error:/i.test(clean(e.textContent)));
    if (described.length) return { text: clean(described.map((e) => e.textContent).join(" ")), linked: true };
    let p = el.parentElement;
    for (let i = 0; i < 5 && p && p.tagName !== "FORM" && p !== document.body; i++, p = p.parentElement) {
      const names = new Set([...p.querySelectorAll("input, select, textarea")].map((c) => c.name || c.id));
      if (names.size > 1) break; // climbed past this field's own group
      const m = [...p.querySelectorAll(errorSel)].find((e) => visible(e) && clean(e.textContent));
      if (m) return { text: clean(m.textContent), linked: false };
    }
    return { text: "", linked: false };
  };
  // The words a sighted user reads just before a field: the nearest preceding text, and the nearest heading.
  const textBefore = (el) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    walker.currentNode = el;
    for (let i = 0; i < 40; i++) {
      const node = walker.previousNode();
      if (!node) break;
      const parent = node.parentElement;
      if (!parent || parent.closest("script, style, noscript, option, select, button, textarea, h1, h2, h3, h4, h5, h6")) continue;
      const t = clean(node.textContent);
      if (t && /[A-Za-z0-9]/.test(t) && visible(parent)) return cut(t, 120);
    }
    return "";
  };
  const headingBefore = (el) => {
    const all = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].filter(visible);
    let found = "";
    for (const h of all) {
      if (h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) found = clean(h.textContent);
      else break;
    }
    return cut(found, 120);
  };
  const fields = controls.slice(0, maxFields).map((el) => {
    const tag = el.tagName.toLowerCase();
    const type = tag === "input" ? (el.type || "text").toLowerCase() : tag;
    const labelText = el.labels ? clean([...el.labels].map((l) => l.textContent).join(" ")) : "";
    const ariaLabel = clean(el.getAttribute("aria-label"));
    const labelledBy = idsText(el.getAttribute("aria-labelledby"));
    const title = clean(el.getAttribute("title"));
    const placeholder = clean(el.getAttribute("placeholder"));
    const labelled = !!(labelText || ariaLabel || labelledBy || title);
    const fieldset = el.closest("fieldset");
    const legendEl = fieldset ? fieldset.querySelector("legend") : null;
    const legend = legendEl ? clean(legendEl.textContent) : "";
    const form = el.form;
    let valuePresent;
    if (type === "radio" || type === "checkbox") valuePresent = el.checked;
    else if (tag === "select") valuePresent = el.selectedIndex > 0 || (el.selectedIndex === 0 && !!el.value && el.options[0] && el.options[0].hasAttribute("value") && el.options[0].value !== "");
    else if (type === "file") valuePresent = !!(el.files && el.files.length);
    else valuePresent = (el.value || "").trim() !== "";
    const err = errorNear(el);
    // Unlabelled fields in table layouts carry their "label" in the neighbouring cell.
    let nearby = "";
    let nearEl = null;
    if (!labelText) {
      const cell = el.closest("td, th, dd");
      const prev = cell ? cell.previousElementSibling : el.previousElementSibling;
      // A heading beside a field (a site banner in the same table row) is not its label.
      const heading = prev && (/^H[1-6]$/.test(prev.tagName) || prev.querySelector("h1, h2, h3, h4, h5, h6"));
      nearEl = prev && !heading ? prev : null;
      nearby = nearEl ? cut(clean(nearEl.textContent), 120) : "";
    }
    // A "*" often sits beside the label (same table cell or wrapper), or in the cell before the field.
    const labelBox = el.labels && el.labels.length ? el.labels[0].parentElement : null;
    const ownCell = el.closest("td, th, dd");
    const besides = (labelBox && labelBox !== el.form ? cut(clean(labelBox.textContent), 160) : "") + " " +
      (ownCell && ownCell.previousElementSibling ? cut(clean(ownCell.previousElementSibling.textContent), 80) : "");
    const marker = labelText + " " + nearby + " " + besides + " " + (["radio", "checkbox"].includes(type) ? legend : "");
    // Raw facts for judging in Python: the group around a choice, words tied or near, colours, box.
    const group = el.closest("fieldset, [role=group], [role=radiogroup]");
    const groupRole = group ? (group.tagName === "FIELDSET" ? "fieldset" : group.getAttribute("role")) : "";
    const groupName = !group ? "" : group.tagName === "FIELDSET" ? legend :
      clean(group.getAttribute("aria-label") || idsText(group.getAttribute("aria-labelledby")));
    let wrap = el.parentElement;
    for (let i = 0; i < 4 && wrap && wrap.parentElement && wrap !== el.form && wrap !== document.body; i++) {
      const up = wrap.parentElement;
      const names = new Set([...up.querySelectorAll("input, select, textarea")].map((c) => c.name || c.id));
      if (names.size > 1 || up === el.form || up === document.body) break;
      wrap = up;
    }
    const labelEl = (el.labels && el.labels[0]) || (legendEl && ["radio", "checkbox"].includes(type) ? legendEl : null) ||
      (nearEl && !nearEl.matches("input, select, textarea") ? nearEl : null);
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
      tag, type,
      name: el.getAttribute("name") || "",
      id: el.id || "",
      form: form ? formEls.indexOf(form) : null,
      form_action: form ? (form.action || "") : "",
      in_search_form: isSearchForm(form) || !!el.closest("[role=search]"),
      visible: visible(el),
      label: labelText,
      aria_label: ariaLabel || labelledBy,
      title,
      placeholder,
      accessible_name: labelledBy || ariaLabel || labelText || title || placeholder,
      labelled,
      placeholder_only: !labelled && !!placeholder,
      legend,
      nearby_text: nearby,
      preceding_text: labelText || ariaLabel || labelledBy ? "" : textBefore(el),
      // What a closed drop-down shows before it is answered ("Explore by topic"), unless it is a bare "Please select".
      prompt: tag === "select" && el.options.length > 1 && (!el.options[0].hasAttribute("value") || el.options[0].value === "") &&
        !/^[\s\-–—.]*((please\s+)?(select|choose)\b.*)?$/i.test(clean(el.options[0].text)) ? cut(clean(el.options[0].text), 120) : "",
      heading: headingBefore(el),
      required: !!el.required || el.getAttribute("aria-required") === "true",
      asterisk: /\*/.test(marker) || !!(el.labels && [...el.labels].some((l) => l.querySelector(".required, abbr[title*=required i]"))),
      optional_marker: /\(optional\)/i.test(marker),
      autocomplete: (el.getAttribute("autocomplete") || "").trim(),
      aria_invalid: el.getAttribute("aria-invalid") === "true",
      aria_describedby: !!el.getAttribute("aria-describedby"),
      native_invalid: el.willValidate ? !el.validity.valid : false,
      value_present: valuePresent,
      value_length: ["radio", "checkbox", "file", "password"].includes(type) || tag === "select" ? 0 : (el.value || "").length,
      error_message: err.text.slice(0, 200),
      error_linked: err.linked,
      in_main: inMain(el),
      has_fieldset: !!fieldset,
      has_legend_element: !!legendEl,
      group_role: groupRole,
      group_name: cut(groupName, 160),
      described_by_text: cut(idsText(el.getAttribute("aria-describedby")), 300),
      // innerText of a hidden element (an error message not shown yet) is its whole text: leave hidden ones out.
      wrapper_text: wrap ? cut(clean([...wrap.childNodes].filter((n) => !(n.nodeType === 1 && (n.matches("select, textarea, script, style") || !visible(n))))
        .map((n) => n.nodeType === 1 ? (n.querySelector("select, option") ? [...n.childNodes].filter((c) => !(c.nodeType === 1 && c.matches("select")))
          .map((c) => c.textContent).join(" ") : n.innerText) : n.textContent).join(" ")), 300) : "",
      label_colour: labelEl ? getComputedStyle(labelEl).color : "",
      border_colour: style.borderTopColor || "",
      box: [Math.round(box.left + scrollX), Math.round(box.top + scrollY), Math.round(box.width), Math.round(box.height)],
      tabindex: el.tabIndex,
      options: tag === "select" ? el.options.length : 0,
      optgroups: tag === "select" ? el.querySelectorAll("optgroup").length : 0,
      required_attr: !!el.required || el.getAttribute("aria-required") === "true",
    };
  });

  // Fields past the detail cap still count (a 5,000-field form must not look like a 200-field one):
  // visible, non-search controls, one per name as in the form inventory, with how many are unlabelled or required.
  const beyond = new Map();
  // Looked up once for the page: el.labels and isSearchForm per field would be quadratic on a huge form.
  const searchForms = new Map(formEls.map((f) => [f, isSearchForm(f)]));
  const hasLabel = new Set([...document.querySelectorAll("label")].filter((l) => l.control && clean(l.textContent))
    .map((l) => l.control));
  controls.slice(maxFields).forEach((el, i) => {
    if (!visible(el) || searchForms.get(el.form) || el.closest("[role=search]")) return;
    const key = el.getAttribute("name") || el.id || "#" + i;
    const labelled = !!(hasLabel.has(el) ||
      clean(el.getAttribute("aria-label")) || idsText(el.getAttribute("aria-labelledby")) || clean(el.getAttribute("title")));
    const seen = beyond.get(key) || { labelled: true, required: false };
    beyond.set(key, { labelled: seen.labelled && labelled,
      required: seen.required || !!el.required || el.getAttribute("aria-required") === "true" });
  });
  const fieldsBeyondDetail = {
    fields: beyond.size,
    unlabelled: [...beyond.values()].filter((f) => !f.labelled).length,
    required: [...beyond.values()].filter((f) => f.required).length,
  };

  // Error summary: GOV.UK component, common framework classes, or a "There is a problem" heading.
  let summary = document.querySelector(".govuk-error-summary, .error-summary, .validation-summary-errors, [data-module='govuk-error-summary']");
  if (!summary) {
    const h = [...document.querySelectorAll("h1, h2, h3, h4, strong, p")].find((e) =>
      /^(there (is|was|are|were) (a )?(problem|errors?)|please (correct|fix) the (following )?errors?)/i.test(clean(e.textContent)));
    if (h && h.parentElement && h.parentElement.querySelector("a[href^='#'], li")) summary = h.parentElement;
  }
  const active = document.activeElement;
  const errorSummary = summary && visible(summary) ? {
    present: true,
    title: cut(clean((summary.querySelector("h2, h3, .govuk-error-summary__title") || summary).textContent), 120),
    links: [...summary.querySelectorAll("a[href]")].slice(0, 30).map((a) => {
      const href = a.getAttribute("href") || "";
      const id = href.startsWith("#") ? decodeURIComponent(href.slice(1)) : "";
      const target = id ? document.getElementById(id) : null;
      return { text: cut(clean(a.textContent), 160), href, to_field: !!(target && (target.matches("input, select, textarea") || target.querySelector("input, select, textarea"))) };
    }),
    items: [...summary.querySelectorAll("li")].slice(0, 30).map((li) => cut(clean(li.textContent), 160)),
    focused: !!(active && (summary === active || summary.contains(active))),
    role_alert: summary.getAttribute("role") === "alert" || !!summary.querySelector("[role=alert]"),
  } : { present: false, title: "", links: [], items: [], focused: false, role_alert: false };
  // Error boxes of every vintage: framework classes, role=alert, or a block named like an error/alert.
  const errorName = /(^|[\s_-])(err|error|errors|alert|invalid|validation|warning)([\s_-]|$)/i;
  const named = [...document.querySelectorAll("div, p, span, td, li, section, strong")]
    .filter((e) => errorName.test((typeof e.className === "string" ? e.className : "") + " " + e.id));
  const errorMessages = [...new Set([...document.querySelectorAll(errorSel + ", .error, .errors, .alert-danger, [role=alert]"), ...named])]
    .filter((e) => !e.matches("input, select, textarea, form") && visible(e) && clean(e.textContent) &&
      clean(e.textContent).length < 400 && !(summary && summary.contains(e)))
    .slice(0, 30).map((e) => cut(clean(e.textContent), 200));

  // Blocks that link to fields (error summaries of any markup) and live/alert regions: raw, judged in Python.
  const isControlOrHolds = (t) => !!t && (t.matches("input, select, textarea, fieldset") || !!t.querySelector("input, select, textarea"));
  const holders = new Map();
  for (const a of document.querySelectorAll("a[href^='#']")) {
    const id = decodeURIComponent((a.getAttribute("href") || "").slice(1));
    if (!id || !isControlOrHolds(document.getElementById(id)) || !visible(a)) continue;
    let box = a.closest("[role=alert], [role=alertdialog], [tabindex='-1'], section, aside, div, form") || a.parentElement;
    if (box && box.tagName === "FORM") box = a.closest("ul, ol") ? a.closest("ul, ol").parentElement : a.parentElement;
    while (box && box.parentElement && box.parentElement !== document.body && clean(box.innerText).length < 400 &&
           !box.querySelector("h1, h2, h3, h4, strong, p") && box.parentElement.tagName !== "FORM") box = box.parentElement;
    if (!holders.has(box)) holders.set(box, []);
    holders.get(box).push(a);
  }
  for (const el of document.querySelectorAll("[role=alert], [role=alertdialog], [aria-live=assertive]")) {
    if (visible(el) && clean(el.innerText) && !holders.has(el)) holders.set(el, []);
  }
  const noticeBlocks = [...holders.entries()].slice(0, 10).map(([box, anchors]) => {
    const heading = box.querySelector("h1, h2, h3, h4, [role=heading], strong, p") ||
      (box.previousElementSibling && box.previousElementSibling.matches("h1, h2, h3, h4, p") ? box.previousElementSibling : null);
    return {
      heading: heading ? cut(clean(heading.innerText || heading.textContent), 200) : "",
      text: cut(clean(box.innerText || ""), 400),
      role: box.getAttribute("role") || "",
      class: cut((typeof box.className === "string" ? box.className : "") + " " + (box.id || ""), 120),
      field_links: anchors.length,
      items: [...box.querySelectorAll("li")].slice(0, 20).map((li) => cut(clean(li.innerText || li.textContent), 160)),
      focused: !!(active && (box === active || box.contains(active))),
    };
  });
  const alerts = [...document.querySelectorAll("[role=alert], [aria-live=assertive], [aria-live=polite]")]
    .filter((e) => visible(e) && clean(e.innerText)).slice(0, 10).map((e) => cut(clean(e.innerText), 300));

  // Images in the main content (alt and file name: a phone number can hide in either).
  const images = [...root.querySelectorAll("img")].filter((i) => inMain(i) && visible(i)).slice(0, 40).map((i) => ({
    alt: cut(clean(i.getAttribute("alt") || ""), 200), has_alt: i.hasAttribute("alt"),
    src: cut((i.getAttribute("src") || "").split("?")[0].split("/").pop(), 120),
  }));
  // Tables: markup facts per table, and their text (so phrase checks can leave table cells out).
  const tables = [...document.querySelectorAll("table")].filter(visible).slice(0, 20).map((t) => ({
    rows: t.rows.length,
    cols: Math.max(0, ...[...t.rows].map((r) => r.cells.length)),
    th: t.querySelectorAll("th").length,
    scope: t.querySelectorAll("th[scope], td[scope], [headers]").length,
    caption: !!t.querySelector("caption"),
    role: t.getAttribute("role") || "",
    controls: t.querySelectorAll("input, select, textarea").length,
    cells: t.querySelectorAll("td, th").length,
    links: t.querySelectorAll("a[href]").length,
    nested: !!t.querySelector("table"),
    in_main: inMain(t),
    text: cut(clean(t.innerText || ""), 1000),
  }));
  // Grids built without table markup: sibling blocks with the same class and the same number of cells.
  const fakeTables = [];
  const shape = (k) => k.tagName + "." + (typeof k.className === "string" ? k.className : "") + ":" + k.children.length;
  for (const parent of root.querySelectorAll("div, section, ul")) {
    // Cheap tests first (shape of the children), layout only for the few candidates left.
    const all = parent.children;
    if (all.length < 3 || all[0].children.length < 2 || all[0].tagName === "TABLE") continue;
    const first = shape(all[0]);
    if (![...all].every((k) => shape(k) === first) || parent.closest("nav, header, footer, form, table")) continue;
    const kids = [...all].filter(visible);
    if (kids.length < 3) continue;
    const lefts = (k) => [...k.children].map((c) => Math.round(c.getBoundingClientRect().left)).join(",");
    const cols = lefts(kids[0]);
    if (new Set(cols.split(",")).size < 2 || !kids.every((k) => lefts(k) === cols)) continue;
    if ([...parent.querySelectorAll("[role=table], [role=grid], [role=row]")].length) continue;
    fakeTables.push({ rows: kids.length, cols: kids[0].children.length, text: cut(clean(parent.innerText), 300) });
    if (fakeTables.length >= 5) break;
  }

  // Buttons (anything a user presses to go forward)
  const buttons = [...document.querySelectorAll("button, input[type=submit], input[type=button], input[type=image], a.govuk-button, a[role=button], [role=button]")]
    .filter(visible).slice(0, 60).map((b) => ({
      text: cut(clean(b.innerText || b.value || b.getAttribute("aria-label") || b.alt || ""), 120),
      tag: b.tagName.toLowerCase(),
      type: (b.getAttribute("type") || "").toLowerCase(),
      start: /govuk-button--start/.test(b.className || "") ,
      href: b.tagName === "A" ? b.href : "",
      form: b.form ? formEls.indexOf(b.form) : null,
      in_search_form: isSearchForm(b.form) || !!b.closest("[role=search], header, nav"),
      in_main: inMain(b),
    }));

  // Links
  const anchors = [...document.querySelectorAll("a[href]")].filter(visible);
  const links = anchors.map((a) => {
    const img = a.querySelector("img[alt]");
    return {
      text: cut(clean(a.innerText || a.getAttribute("aria-label") || (img ? img.alt : "") || a.title), 160),
      href: a.href,
      raw_href: (a.getAttribute("href") || "").slice(0, 300),
      type: a.getAttribute("type") || "",
      download: a.hasAttribute("download"),
      title: cut(clean(a.title), 120),
      in_main: inMain(a),
      // The sentence around a vague link ("To report it online please click here") says where it goes.
      context: cut(clean((a.closest("p, li, td, dd") || a.parentElement || a).innerText || ""), 200),
    };
  });
  links.sort((x, y) => (y.in_main ? 1 : 0) - (x.in_main ? 1 : 0));

  // CAPTCHA markers (structural; wording is matched in Python)
  const captchaSel = [
    "iframe[src*='recaptcha']", "iframe[src*='hcaptcha']", "iframe[src*='turnstile']", "iframe[src*='captcha' i]",
    ".g-recaptcha", ".h-captcha", ".cf-turnstile", "[data-sitekey]", "script[src*='recaptcha']", "script[src*='hcaptcha']",
    "img[src*='captcha' i]", "img[alt*='captcha' i]", "input[name*='captcha' i]", "input[id*='captcha' i]", "[class*='captcha' i]",
  ];
  const captcha = captchaSel.filter((s) => document.querySelector(s));

  const h1s = [...document.querySelectorAll("h1")].filter(visible);
  const html = document.documentElement;
  const bodyClass = document.body ? document.body.className || "" : "";
  const markers = [];
  if (html.classList.contains("govuk-template") || document.querySelector(".govuk-template")) markers.push("govuk-template");
  if (document.querySelector("[class*='govuk-']")) markers.push("govuk-frontend");
  if (/localgov/.test(bodyClass) || document.querySelector("[class*='lgd-']")) markers.push("localgov-drupal");
  const gen = document.querySelector("meta[name=generator]");
  if (gen) markers.push("generator:" + cut(gen.content || "", 60));

  return {
    page: {
      url: location.href,
      title: document.title || "",
      lang: html.getAttribute("lang") || "",
      h1: h1s.length ? cut(clean(h1s[0].textContent), 200) : "",
      h1_count: h1s.length,
      headings: [...document.querySelectorAll("h2, h3")].filter(visible).slice(0, 15).map((h) => cut(clean(h.textContent), 120)),
      main_headings: [...document.querySelectorAll("h1, h2, h3")].filter((h) => visible(h) && inMain(h)).slice(0, 15)
        .map((h) => cut(clean(h.textContent), 160)),
      has_main: root !== document.body,
      skip_link: !!document.querySelector("a[href='#main-content'], a[href='#main'], a[href='#content'], .govuk-skip-link, .skip-link"),
      referrer: document.referrer || "",
      markers,
      focus: describe(active),
      horizontal_overflow: html.scrollWidth > html.clientWidth + 1,
      confirmation_panel: !!document.querySelector(".govuk-panel--confirmation, .confirmation, [class*='confirmation-panel']"),
    },
    forms,
    fields,
    fields_total_in_dom: controls.length,
    fields_beyond_detail: fieldsBeyondDetail,
    error_summary: errorSummary,
    error_messages: errorMessages,
    notice_blocks: noticeBlocks,
    alerts,
    images,
    tables,
    fake_tables: fakeTables,
    buttons,
    links: links.slice(0, maxLinks),
    links_total: links.length,
    captcha,
    main_text: cut(mainText, maxText),
    body_text: cut(bodyText, maxText),
  };
}
