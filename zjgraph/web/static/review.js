// The review workbench: accept, reject or edit each proposed fact, merge or confirm each new entity, save.
// Text from the page is only ever written back as text (textContent, dataset, value), never as HTML.
"use strict";
(function () {
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const facts = [...document.querySelectorAll("li.proposal")];
  const entities = [...document.querySelectorAll("li.entity-card")];
  const text = document.getElementById("text");
  const tally = document.getElementById("tally");
  const status = document.getElementById("save-status");
  const general = document.getElementById("save-problems");
  const byN = new Map(facts.map((li) => [li.dataset.n, li]));
  const byKey = new Map(entities.map((li) => [li.dataset.key, li]));
  let current = null;

  const STATES = { pending: "待定 undecided", accept: "✓ 已接受 accepted", reject: "✗ 已拒绝 rejected" };

  function count() {
    const n = { pending: 0, accept: 0, reject: 0 };
    facts.forEach((li) => { n[li.dataset.action] += 1; });
    tally.textContent = `接受 accepted ${n.accept} · 拒绝 rejected ${n.reject} · 待定 undecided ${n.pending}`;
    document.querySelectorAll("#text mark").forEach((m) => {
      const actions = m.dataset.facts.split(" ").map((f) => byN.get(f).dataset.action);
      m.classList.toggle("accepted", actions.includes("accept"));
      m.classList.toggle("rejected", actions.every((a) => a === "reject"));
    });
  }

  function decide(li, action) {
    li.dataset.action = action;
    li.querySelector(".state").textContent = STATES[action];
    count();
  }

  function select(li, scroll) {
    if (current) current.classList.remove("selected");
    current = li;
    document.querySelectorAll("#text .selected").forEach((m) => m.classList.remove("selected"));
    if (!li) return;
    li.classList.add("selected");
    const marks = [...document.querySelectorAll("#text mark")].filter((m) => m.dataset.facts.split(" ").includes(li.dataset.n));
    marks.forEach((m) => m.classList.add("selected"));
    if (scroll) {
      li.scrollIntoView({ block: "nearest" });
      if (marks.length) marks[0].scrollIntoView({ block: "nearest" });
    }
  }

  function setEntity(li, action, into, name) {
    li.dataset.action = action;
    li.dataset.into = into || "";
    const id = li.querySelector('input[name="id"]').value.trim();
    li.querySelector(".state").textContent = action === "merge"
      ? `合并到 merged into ${name} (${into}); 本文的写法成为别名 its form here becomes an alias of it`
      : `新建 new entity ${id}`;
    li.querySelectorAll("button.merge").forEach((b) => b.classList.toggle("chosen", action === "merge" && b.dataset.into === into));
    li.classList.toggle("merged", action === "merge");
  }

  facts.forEach((li) => {
    li.querySelector(".accept").addEventListener("click", () => { select(li); decide(li, "accept"); });
    li.querySelector(".reject").addEventListener("click", () => { select(li); decide(li, "reject"); });
    li.querySelector(".edit").addEventListener("click", () => edit(li));
    li.addEventListener("click", (e) => { if (!e.target.closest("fieldset")) select(li); });
    decide(li, li.dataset.action); // pending, or what an earlier save decided
  });
  entities.forEach((li) => {
    li.querySelectorAll("button.merge").forEach((b) => b.addEventListener("click", () => setEntity(li, "merge", b.dataset.into, b.dataset.name)));
    li.querySelector(".confirm-new").addEventListener("click", () => setEntity(li, "new"));
    li.querySelector('input[name="id"]').addEventListener("input", () => { if (li.dataset.action === "new") setEntity(li, "new"); });
    const chosen = [...li.querySelectorAll("button.merge")].find((b) => b.dataset.into === li.dataset.into);
    if (li.dataset.action === "merge") setEntity(li, "merge", li.dataset.into, chosen ? chosen.dataset.name : li.dataset.into);
    else setEntity(li, "new");
  });

  function edit(li) {
    const fields = li.querySelector(".edit-fields");
    fields.hidden = !fields.hidden;
    select(li);
    if (!fields.hidden) fields.querySelector("input, select").focus();
  }

  text.addEventListener("click", (e) => {
    const mark = e.target.closest("mark");
    if (mark) { select(byN.get(mark.dataset.facts.split(" ")[0]), true); return; }
    const named = e.target.closest(".ent");
    const card = named && named.dataset.entities.split(" ").map((k) => byKey.get(k)).find(Boolean);
    if (card) { card.scrollIntoView({ block: "nearest" }); card.classList.add("selected"); setTimeout(() => card.classList.remove("selected"), 1500); }
  });
  text.addEventListener("keydown", (e) => {
    const mark = e.target.closest("mark");
    if (mark && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); select(byN.get(mark.dataset.facts.split(" ")[0]), true); }
  });

  document.getElementById("bulk-accept").addEventListener("click", () => {
    const min = parseFloat(document.getElementById("min-confidence").value);
    facts.filter((li) => li.dataset.action === "pending" && parseFloat(li.dataset.confidence) >= min)
      .forEach((li) => decide(li, "accept"));
  });

  function decisions() {
    const out = { facts: {}, entities: {} };
    for (const input of document.querySelectorAll("#doc-fields input")) out[input.name] = input.value;
    facts.forEach((li) => {
      const d = { action: li.dataset.action };
      if (d.action === "accept") {
        const fields = li.querySelector(".edit-fields");
        for (const el of fields.querySelectorAll("input, select")) {
          if (el.name === "major" && !el.value.trim()) continue;
          if (el.name === "rule" && !el.value) continue;
          d[el.name] = el.value;
        }
      }
      out.facts[li.dataset.n] = d;
    });
    entities.forEach((li) => {
      out.entities[li.dataset.key] = li.dataset.action === "merge"
        ? { action: "merge", into: li.dataset.into }
        : { action: "new", id: li.querySelector('input[name="id"]').value.trim() };
    });
    return out;
  }

  function show(list, items) {
    list.replaceChildren(...items.map((p) => {
      const item = document.createElement("li");
      item.textContent = p.fact || p.entity ? `${p.file}${p.line ? ":" + p.line : ""}: ${p.message}` : p.text;
      item.className = p.severity;
      return item;
    }));
    list.hidden = items.length === 0;
  }

  async function save() {
    const button = document.getElementById("save");
    button.disabled = true;
    status.textContent = "保存中：先检查 saving: checking the would-be data folder first …";
    document.body.dataset.saved = "";
    try {
      const response = await fetch("/review/save", {
        method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
        body: JSON.stringify(decisions()), credentials: "same-origin",
      });
      const outcome = await response.json();
      if (outcome.error) throw new Error(outcome.error);
      const problems = outcome.problems || [];
      const groups = new Map();
      for (const li of [...facts, ...entities]) groups.set(li, []);
      const rest = [];
      for (const p of problems) {
        const li = p.fact ? byN.get(String(p.fact)) : p.entity ? byKey.get(p.entity) : null;
        (li ? groups.get(li) : rest).push(p);
      }
      groups.forEach((items, li) => {
        show(li.querySelector(".problems"), items);
        li.classList.toggle("has-problems", items.some((p) => p.severity === "error"));
      });
      show(general, rest);
      const c = outcome.counts || {};
      status.textContent = outcome.saved
        ? `已保存 Saved: ${c.facts} 条事实 facts, ${c["new entities"]} 个新实体 new entities, ${c.aliases} 个别名 aliases → ${outcome.files.join(", ")}`
        : `未保存 Not saved: ${problems.length} 个问题 problem(s); 数据目录未改变 the data folder is unchanged`;
      status.className = outcome.saved ? "saved" : "error";
      document.body.dataset.saved = outcome.saved ? "yes" : "no";
      const first = document.querySelector("li.has-problems");
      if (first) first.scrollIntoView({ block: "nearest" });
    } catch (err) {
      status.textContent = `未保存 Not saved: ${err.message}`;
      status.className = "error";
      document.body.dataset.saved = "no";
    } finally {
      button.disabled = false;
    }
  }
  document.getElementById("save").addEventListener("click", save);

  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "s") { e.preventDefault(); save(); return; }
    if (e.key === "Escape" && e.target.closest("input, select, textarea")) { e.target.blur(); return; }
    if (e.ctrlKey || e.metaKey || e.altKey || e.target.closest("input, select, textarea")) return;
    const i = current ? facts.indexOf(current) : -1;
    const actions = {
      j: () => select(facts[Math.min(i + 1, facts.length - 1)], true),
      k: () => select(facts[Math.max(i - 1, 0)], true),
      a: () => current && decide(current, "accept"),
      r: () => current && decide(current, "reject"),
      u: () => current && decide(current, "pending"),
      e: () => current && edit(current),
    };
    const act = actions[e.key] || { ArrowDown: actions.j, ArrowUp: actions.k }[e.key];
    if (act) { e.preventDefault(); act(); }
  });

  count();
  document.body.dataset.ready = "1";
})();
