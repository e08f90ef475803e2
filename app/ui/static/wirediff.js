// wirediff dashboard: small progressive enhancements. Every page works without this script.
"use strict";

// Print links: the browser's print dialog (the print stylesheet keeps only the content).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-print]").forEach((link) => {
    link.addEventListener("click", (event) => { event.preventDefault(); window.print(); });
  });
});

// "Next change": the link walks the changed rows (reworded, dropped, added, moved: the page marks
// them data-change, app/ui/views.py Row.changed); n / j forward, p / k back.
document.addEventListener("DOMContentLoaded", () => {
  const link = document.querySelector(".next-change");
  if (!link) return;
  const rows = Array.from(document.querySelectorAll(".alignment-table tr.row[data-change]"));
  let at = -1;
  const go = (step) => {
    if (rows.length === 0) return;
    if (at >= 0) rows[at].classList.remove("current");
    at = (at + step + rows.length) % rows.length;
    const row = rows[at];
    row.classList.add("current");
    row.scrollIntoView({ block: "center" });
    history.replaceState(null, "", "#" + row.id);
    link.href = "#" + rows[(at + 1) % rows.length].id;
    link.textContent = `Next change (${at + 1} of ${rows.length})`;
  };
  link.addEventListener("click", (event) => { event.preventDefault(); go(1); });
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest("input, textarea, select")) return;
    if (event.key === "n" || event.key === "j") go(1);
    if (event.key === "p" || event.key === "k") go(-1);
  });
});

document.addEventListener("DOMContentLoaded", () => {
  const toolbar = document.querySelector(".alignment .toolbar");
  if (!toolbar) return;
  toolbar.hidden = false;

  const onlyChanges = document.getElementById("only-changes");
  const table = document.querySelector(".alignment-table");
  onlyChanges.addEventListener("change", () => {
    table.classList.toggle("only-changes", onlyChanges.checked);
  });

  const unfold = document.getElementById("unfold");
  const folds = Array.from(table.querySelectorAll(".op-boilerplate details"));
  if (folds.length === 0) {
    unfold.hidden = true;
    return;
  }
  unfold.addEventListener("click", () => {
    const open = !folds.every((fold) => fold.open);
    folds.forEach((fold) => { fold.open = open; });
    unfold.textContent = open ? "Fold boilerplate" : "Unfold boilerplate";
  });
});
