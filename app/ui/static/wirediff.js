// wirediff dashboard: small progressive enhancements. Every page works without this script.
"use strict";

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
