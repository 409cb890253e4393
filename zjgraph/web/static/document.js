// The document page: a click on a highlighted quote selects its facts in the side list; the list filters by text
// and relation. Only text is read from the page and written to it (textContent, classes, hidden), never HTML.
"use strict";
(function () {
  const list = document.querySelector("ol.fact-list");
  if (!list) return;
  const items = [...list.children];
  const filter = document.getElementById("fact-filter");
  const relation = document.getElementById("relation-filter");
  const showAll = document.getElementById("show-all");
  const count = document.getElementById("fact-count");
  let selected = null; // fact anchors chosen by a click on the text, or null

  function apply() {
    const text = filter.value.trim().toLowerCase();
    let shown = 0;
    for (const li of items) {
      const anchor = li.id.slice("item-".length);
      const keep = (!selected || selected.includes(anchor)) && (!relation.value || li.dataset.relation === relation.value)
        && (!text || li.textContent.toLowerCase().includes(text));
      li.hidden = !keep;
      li.classList.toggle("selected", Boolean(selected) && selected.includes(anchor));
      if (keep) shown += 1;
    }
    showAll.hidden = !selected;
    count.textContent = `${shown} / ${items.length} 条事实 facts` + (selected ? " · 所选高亮 the chosen highlight" : "");
  }

  function choose(mark) {
    document.querySelectorAll("mark.selected").forEach((m) => m.classList.remove("selected"));
    selected = mark ? mark.dataset.facts.split(" ") : null;
    if (mark) {
      document.querySelectorAll("mark").forEach((m) => {
        if (m.dataset.facts.split(" ").some((f) => selected.includes(f))) m.classList.add("selected");
      });
    }
    apply();
    if (mark) document.getElementById("facts").scrollTop = 0;
  }

  document.getElementById("text").addEventListener("click", (e) => {
    const mark = e.target.closest("mark");
    if (mark) choose(mark);
  });
  document.getElementById("text").addEventListener("keydown", (e) => {
    const mark = e.target.closest("mark");
    if (mark && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); choose(mark); }
  });
  filter.addEventListener("input", apply);
  relation.addEventListener("change", apply);
  showAll.addEventListener("click", () => choose(null));

  // Arriving at #fact-N (from an entity's evidence link): select that fact and bring its quote into view.
  function fromHash() {
    const anchor = decodeURIComponent(location.hash.slice(1));
    const spot = anchor && document.getElementById(anchor);
    if (!spot) return;
    const mark = [...document.querySelectorAll("mark")].find((m) => m.dataset.facts.split(" ").includes(anchor));
    choose(null);
    selected = [anchor];
    if (mark) {
      document.querySelectorAll("mark").forEach((m) => {
        if (m.dataset.facts.split(" ").includes(anchor)) m.classList.add("selected");
      });
    }
    apply();
    spot.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  // The browser scrolls to the anchor itself once the page has loaded: centre the passage again after it.
  window.addEventListener("load", () => setTimeout(fromHash, 0));
  document.body.dataset.ready = "1";
})();
