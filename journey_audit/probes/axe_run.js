// Run axe-core with a time budget: resolves {cut: true} instead of hanging on a huge page.
// Keeps a compact summary per rule so artifacts stay small.
async (opts) => {
  const slim = (results, maxNodes, examples) => results.map((r) => ({
    id: r.id,
    impact: r.impact || null,
    help: r.help,
    help_url: r.helpUrl,
    tags: (r.tags || []).filter((t) => /^wcag|^best-practice$/.test(t)),
    nodes: r.nodes.length,
    targets: r.nodes.slice(0, maxNodes).map((n) => (n.target || []).join(" ")),
    html: r.nodes.slice(0, examples).map((n) => (n.html || "").slice(0, 240)),
  }));
  if (window.__journeyAuditAxeRunning) return { error: "axe already running on this document" };
  window.__journeyAuditAxeRunning = true;
  const started = performance.now();
  const run = axe.run(document, {
    resultTypes: ["violations", "incomplete"],
    iframes: false,
    elementRef: false,
    performanceTimer: false,
  }).then((r) => ({
    cut: false,
    version: axe.version,
    duration_ms: Math.round(performance.now() - started),
    violations: slim(r.violations, opts.maxNodes, opts.examples),
    incomplete: slim(r.incomplete, opts.maxNodes, opts.examples),
  })).finally(() => { window.__journeyAuditAxeRunning = false; });
  const timer = new Promise((resolve) => setTimeout(
    () => resolve({ cut: true, version: axe.version, duration_ms: Math.round(performance.now() - started) }), opts.budgetMs));
  return Promise.race([run, timer]);
}
