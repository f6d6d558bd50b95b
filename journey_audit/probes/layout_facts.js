// Layout facts for the phone run, in CSS px: the viewport meta tag, how wide the page lays out,
// targets smaller than 24 x 24 px (WCAG 2.5.8, with its spacing and inline exceptions), and text
// clipped or spilling out of its box. Raw measurements only; the phone audit judges them.
(opts) => {
  const clean = (s) => (s || "").replace(/\s+/g, " ").trim();
  const cut = (s, n) => (s.length > n ? s.slice(0, n) : s);
  const minSize = opts.minTarget || 24;
  const visible = (el) => {
    if (!el || !el.isConnected) return false;
    if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    else if (typeof el.className === "string" && el.className.trim()) s += "." + el.className.trim().split(/\s+/).slice(0, 2).join(".");
    return s;
  };
  const html = document.documentElement;
  const meta = document.querySelector("meta[name=viewport i]");

  // Targets: links, buttons and form controls. A radio or checkbox counts together with its label.
  const candidates = [...document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [role=checkbox], [role=radio], [role=tab]")]
    .filter(visible).slice(0, opts.maxTargets || 400);
  const rectOf = (el) => {
    const rs = [el.getBoundingClientRect()];
    if (el.labels) for (const l of el.labels) if (visible(l)) rs.push(l.getBoundingClientRect());
    const left = Math.min(...rs.map((r) => r.left)), top = Math.min(...rs.map((r) => r.top));
    const right = Math.max(...rs.map((r) => r.right)), bottom = Math.max(...rs.map((r) => r.bottom));
    return { left, top, right, bottom, width: right - left, height: bottom - top };
  };
  // Inline exception: a link inside a sentence (its block has words outside the link).
  const inline = (el) => {
    if (el.tagName !== "A") return false;
    const block = el.closest("p, li, td, dd, blockquote, figcaption") || el.parentElement;
    if (!block) return false;
    const others = clean(block.textContent.replace(el.textContent, ""));
    return /[A-Za-z]{3,}.*\s.*[A-Za-z]{3,}/.test(others) && getComputedStyle(el).display.startsWith("inline");
  };
  // User-agent control exception: a radio/checkbox drawn by the browser at its own size.
  const browserDrawn = (el) => el.matches("input[type=radio], input[type=checkbox]") &&
    getComputedStyle(el).appearance !== "none" && !(el.labels && el.labels.length);
  const targets = candidates.map((el) => ({ el, r: rectOf(el) }));
  const small = targets.filter((t) => (t.r.width < minSize - 0.5 || t.r.height < minSize - 0.5) &&
    !inline(t.el) && !browserDrawn(t.el));
  const centre = (r) => [(r.left + r.right) / 2, (r.top + r.bottom) / 2];
  const distToRect = ([x, y], r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
  const smallSet = new Set(small.map((t) => t.el));
  const undersized = [];
  for (const t of small) {
    const c = centre(t.r);
    // Spacing exception: a 24 px circle on its centre touches no other target (nor another small target's circle).
    const crowded = targets.some((o) => o.el !== t.el && !o.el.contains(t.el) && !t.el.contains(o.el) && (smallSet.has(o.el)
      ? Math.hypot(c[0] - centre(o.r)[0], c[1] - centre(o.r)[1]) < minSize
      : distToRect(c, o.r) < minSize / 2));
    if (!crowded) continue;
    undersized.push({
      target: describe(t.el),
      text: cut(clean(t.el.innerText || t.el.value || t.el.getAttribute("aria-label") || t.el.title ||
        (t.el.labels && t.el.labels[0] ? t.el.labels[0].textContent : "") || t.el.name || ""), 80),
      width: Math.round(t.r.width * 10) / 10,
      height: Math.round(t.r.height * 10) / 10,
    });
  }

  // Text clipped by its box (overflow hidden / ellipsis) or spilling out of it.
  const clipped = [];
  const blocks = [...document.body.querySelectorAll("*")].slice(0, opts.maxElements || 3000);
  for (const el of blocks) {
    if (clipped.length >= 20) break;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && clean(n.textContent).length > 1);
    if (!own || !visible(el)) continue;
    const cs = getComputedStyle(el);
    if (cs.display.startsWith("inline") && cs.display !== "inline-block") continue;
    // Visually hidden text (for screen readers) is clipped on purpose.
    if (el.clientWidth <= 2 || el.clientHeight <= 2 || (cs.clip && cs.clip !== "auto") || cs.clipPath !== "none") continue;
    const wide = el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0;
    const tall = el.scrollHeight > el.clientHeight + 1 && el.clientHeight > 0;
    const hidesX = ["hidden", "clip"].includes(cs.overflowX) || cs.textOverflow === "ellipsis";
    const hidesY = ["hidden", "clip"].includes(cs.overflowY);
    let how = "";
    if (wide && hidesX) how = "clipped";
    else if (tall && hidesY) how = "clipped";
    else if (wide && cs.overflowX === "visible") how = "overflows";
    if (!how) continue;
    clipped.push({ target: describe(el), how, text: cut(clean(el.textContent), 80),
                   box_width: el.clientWidth, content_width: el.scrollWidth });
  }

  // Elements reaching past the viewport's right edge: what makes the page scroll sideways.
  const width = html.clientWidth;
  const wide = [];
  if (html.scrollWidth > width + 1) {
    const past = blocks.filter((el) => visible(el) && el.getBoundingClientRect().right > width + 1).slice(0, 200);
    // The innermost elements reaching past the edge are the ones to change.
    for (const el of past) {
      if (past.some((o) => o !== el && el.contains(o))) continue;
      const r = el.getBoundingClientRect();
      wide.push({ el, r });
      if (wide.length >= 5) break;
    }
  }
  return {
    viewport_meta: meta ? cut(meta.getAttribute("content") || "", 200) : null,
    inner_width: window.innerWidth,
    layout_width: width,
    scroll_width: html.scrollWidth,
    targets_checked: targets.length,
    undersized_targets: undersized.slice(0, 30),
    undersized_total: undersized.length,
    clipped_text: clipped,
    wide_elements: wide.map((w) => ({ target: describe(w.el), width: Math.round(w.r.width), right: Math.round(w.r.right),
                                      text: cut(clean(w.el.textContent), 60) })),
  };
}
