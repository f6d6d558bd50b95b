// The page's HTML without scripts, styles, SVG drawing and comments (the snapshot probe stores it compressed).
() => {
  // Copied into an inert document, so that copied images and frames never load (no extra requests to the site).
  const inert = document.implementation.createHTMLDocument("");
  const copy = inert.importNode(document.documentElement, true);
  copy.querySelectorAll("script, style, noscript, template, svg path, link[rel=stylesheet]").forEach((e) => e.remove());
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.remove());
  return "<!doctype html>" + copy.outerHTML;
}
