/* Optional comfort only (the report works without it): Escape closes an enlarged screenshot. */
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") { return; }
  document.querySelectorAll("details.shot[open]").forEach(function (shot) {
    shot.open = false;
    var summary = shot.querySelector("summary");
    if (summary) { summary.focus(); }
  });
});
