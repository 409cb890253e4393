/* zjgraph explorer: search, a side panel with a node's evidence, neighbours, type and relation toggles,
 * on top of vis-network (which must be loaded first, as the global `vis`).
 *
 * Shared by `zjgraph view` (a static, offline page: this file is inlined) and the web application's graph
 * page (served as a file). No request is made unless `data.neighbours` is given.
 *
 * DATA CONTRACT
 * -------------
 * ZJExplorer.start(container, data) draws `data` in `container` (an empty block element that the page sizes)
 * and returns {network, nodes, edges, focus(id), expand(id), show(id), search(text)}. A page usually keeps
 * the data in an inline JSON element, a script element of type "application/json" with the id
 * "zjgraph-data" (as page.html does), and starts with:
 *
 *   ZJExplorer.start(el, JSON.parse(document.getElementById("zjgraph-data").textContent))
 *
 * (This file holds no closing script tag, so that it can be inlined in a page.)
 *
 * data = {
 *   nodes: [{
 *     id: "school:bishan-vec",          required, unique
 *     label: "重庆市璧山职业\n教育中心",  text drawn under the node (may contain \n)
 *     name: "重庆市璧山职业教育中心",     what search matches and the panel shows (default: label)
 *     search: "璧山职教中心 …",           optional extra text search matches (aliases)
 *     type: "School", typeLabel: "学校 School",  for the type toggles (typeLabel default: type)
 *     color, shape, size, borderWidth, x, y   vis-network node fields (x, y: fixed start positions)
 *     title: "…",                        plain text: hover tooltip and the panel's body (attributes, evidence)
 *     hub: true,                         optional: label kept readable at every zoom
 *     href: "x.groups/p1.html"           optional: clicking the node opens this page (a group's own view)
 *   }],
 *   edges: [{
 *     from, to,                          node ids (an edge whose end is missing is dropped)
 *     id,                                optional (default: its index)
 *     relation: "partnersWith", relationLabel: "合作 partners with",  for the relation toggles
 *     color, dashes, width, label        vis-network edge fields
 *     title: "A → 合作 → B\n“quote”\n— doc:001 《title》 · stated"   plain text: tooltip and panel evidence
 *   }],
 *   options: {…},                        vis-network options (default: {})
 *   physics: true,                       optional: run physics from the given positions until the drawing
 *                                        settles (or settleMs, default 8000, pass), then switch it off
 *   neighbours: "/api/graph/neighbours?id={id}"   optional URL; {id} is replaced (URL-encoded). A GET must
 *                                        answer {nodes: [...], edges: [...]} in this same form; "Expand
 *                                        neighbours" adds what is new. Without it the button selects
 *                                        the neighbours already drawn.
 * }
 *
 * Every text from the data is put in the page with textContent, never as HTML: names and quotes come from
 * documents. On the first drawing the explorer sets a performance mark "zjgraph-first-draw"; once drawn and
 * (with physics) settled, document.body.dataset.ready = "1".
 */
(function (root) {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var MAX_RESULTS = 30;
  var HUB_FONT = 15;  // screen pixels a hub's label keeps whatever the zoom

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function swatch(shape, color) {
    var s = document.createElementNS(SVG, "svg");
    s.setAttribute("width", "14");
    s.setAttribute("height", "14");
    s.setAttribute("viewBox", "0 0 16 16");
    var p;
    if (shape === "square" || shape === "box") {
      p = document.createElementNS(SVG, "rect");
      p.setAttribute("x", "2.5"); p.setAttribute("y", "2.5"); p.setAttribute("width", "11"); p.setAttribute("height", "11");
    } else if (shape === "line") {
      p = document.createElementNS(SVG, "rect");
      p.setAttribute("x", "0"); p.setAttribute("y", "6.5"); p.setAttribute("width", "16"); p.setAttribute("height", "3");
    } else {
      var pts = {diamond: "8,1 15,8 8,15 1,8", triangle: "8,1.5 15,14 1,14", triangleDown: "1,2 15,2 8,14.5",
                 star: "8,0.8 10,6 15.5,6 11,9.4 12.8,15 8,11.6 3.2,15 5,9.4 0.5,6 6,6",
                 hexagon: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8"}[shape];
      if (pts) {
        p = document.createElementNS(SVG, "polygon");
        p.setAttribute("points", pts);
      } else {
        p = document.createElementNS(SVG, "circle");
        p.setAttribute("cx", "8"); p.setAttribute("cy", "8"); p.setAttribute("r", "6.5");
      }
    }
    p.setAttribute("fill", typeof color === "string" ? color : "#999");
    s.appendChild(p);
    return s;
  }

  function counted(items, key, label, look) {
    var seen = {}, order = [];
    items.forEach(function (it) {
      var k = it[key];
      if (k === undefined) return;
      if (!seen[k]) { seen[k] = {key: k, label: it[label] || k, count: 0, look: look(it)}; order.push(seen[k]); }
      seen[k].count += 1;
    });
    return order.sort(function (a, b) { return b.count - a.count; });
  }

  function start(container, data) {
    container.classList.add("zjx");
    container.textContent = "";
    var bar = el("div", "zjx-bar");
    var search = el("input", "zjx-search");
    search.type = "search";
    search.placeholder = "搜索 Search: 名称 name / id";
    search.setAttribute("aria-label", "搜索 Search");
    var results = el("ul", "zjx-results");
    results.hidden = true;
    bar.appendChild(search);
    bar.appendChild(results);
    var body = el("div", "zjx-body");
    var canvas = el("div", "zjx-canvas");
    var side = el("aside", "zjx-side");
    var panel = el("section", "zjx-panel");
    panel.hidden = true;
    var filters = el("section", "zjx-filters");
    side.appendChild(panel);
    side.appendChild(filters);
    body.appendChild(canvas);
    body.appendChild(side);
    container.appendChild(bar);
    container.appendChild(body);

    var byId = {};
    var nodeList = (data.nodes || []).map(function (n) {
      var copy = Object.assign({}, n);
      if (copy.name === undefined) copy.name = String(copy.label === undefined ? copy.id : copy.label).replace(/\n/g, "");
      byId[copy.id] = copy;
      return copy;
    });
    var edgeList = (data.edges || []).filter(function (e) { return byId[e.from] && byId[e.to]; })
      .map(function (e, i) { var c = Object.assign({}, e); if (c.id === undefined) c.id = "e" + i; return c; });
    var nodes = new vis.DataSet(nodeList);
    var edges = new vis.DataSet(edgeList);
    var network = new vis.Network(canvas, {nodes: nodes, edges: edges}, data.options || {});
    var hiddenTypes = {}, hiddenRelations = {};
    var current = null;

    // ---- hubs: their labels stay HUB_FONT pixels high at every zoom ----
    var hubs = nodeList.filter(function (n) { return n.hub; }).map(function (n) { return n.id; });
    var hubScale = null;
    function sizeHubs() {
      var scale = network.getScale();
      if (!hubs.length || !(scale > 0) || scale === hubScale) return;
      hubScale = scale;
      var px = Math.max(14, HUB_FONT / scale);
      nodes.update(hubs.map(function (id) { return {id: id, font: {size: px, strokeWidth: Math.max(3, 4 / scale)}}; }));
    }
    network.on("afterDrawing", sizeHubs);  // after a zoom by hand or by moveTo/fit (no "zoom" event)

    // ---- first drawing, then (with physics) settling: the picture shows at once and then relaxes ----
    var drawn = false, settled = !data.physics;
    function ready() {
      if (drawn && settled) document.body.dataset.ready = "1";
    }
    network.once("afterDrawing", function () {
      drawn = true;
      if (root.performance && performance.mark) performance.mark("zjgraph-first-draw");
      ready();
    });
    if (data.physics) {
      var stop = function () {
        if (settled) return;
        settled = true;
        network.setOptions({physics: {enabled: false}});  // a still picture that does not keep the CPU busy
        network.fit();
        ready();
      };
      network.once("stabilized", stop);
      setTimeout(stop, data.settleMs || 8000);  // never drift for long on a slow machine
    }

    // ---- filters: a checkbox per type and per relation ----
    function filterList(title, items, hidden, swatchOf) {
      filters.appendChild(el("h3", null, title));
      var ul = el("ul", "zjx-toggles");
      items.forEach(function (it) {
        var li = el("li"), label = el("label"), box = el("input");
        box.type = "checkbox";
        box.checked = true;
        box.dataset.key = it.key;
        box.addEventListener("change", function () {
          if (box.checked) delete hidden[it.key]; else hidden[it.key] = true;
          applyFilters();
        });
        label.appendChild(box);
        label.appendChild(swatchOf(it.look));
        label.appendChild(el("span", null, it.label));
        label.appendChild(el("span", "zjx-count", it.count));
        li.appendChild(label);
        ul.appendChild(li);
      });
      filters.appendChild(ul);
    }
    var types = counted(nodeList, "type", "typeLabel", function (n) { return {shape: n.shape, color: n.color}; });
    var relations = counted(edgeList, "relation", "relationLabel", function (e) { return {color: e.color}; });
    if (types.length) filterList("类型 Types", types, hiddenTypes, function (l) { return swatch(l.shape, l.color); });
    if (relations.length) filterList("关系 Relations", relations, hiddenRelations, function (l) { return swatch("line", l.color); });

    function applyFilters() {
      var nodeUpdates = [], edgeUpdates = [];
      nodes.forEach(function (n) {
        var hide = !!hiddenTypes[n.type];
        if (!!n.hidden !== hide) nodeUpdates.push({id: n.id, hidden: hide});
      });
      nodes.update(nodeUpdates);
      edges.forEach(function (e) {
        var hide = !!hiddenRelations[e.relation] || nodes.get(e.from).hidden || nodes.get(e.to).hidden;
        if (!!e.hidden !== !!hide) edgeUpdates.push({id: e.id, hidden: !!hide});
      });
      edges.update(edgeUpdates);
    }

    // ---- side panel: the clicked node's text and the evidence of each of its edges ----
    function show(id) {
      var n = nodes.get(id);
      if (!n) return;
      current = id;
      panel.textContent = "";
      panel.hidden = false;
      var close = el("button", "zjx-close", "×");
      close.type = "button";
      close.title = "关闭 Close";
      close.addEventListener("click", function () { panel.hidden = true; current = null; network.unselectAll(); });
      panel.appendChild(close);
      panel.appendChild(el("h2", null, n.name));
      if (n.href) {
        var a = el("a", "zjx-open", "打开此组视图 Open its view →");
        a.href = n.href;
        panel.appendChild(a);
      }
      var actions = el("div", "zjx-actions");
      var expandButton = el("button", null, data.neighbours ? "展开邻居 Expand neighbours" : "选中邻居 Select neighbours");
      expandButton.type = "button";
      expandButton.addEventListener("click", function () { expand(id); });
      actions.appendChild(expandButton);
      panel.appendChild(actions);
      if (n.title) panel.appendChild(el("div", "zjx-text", n.title));
      var incident = edges.get({filter: function (e) { return e.from === id || e.to === id; }});
      panel.appendChild(el("h3", null, "关系与证据 Facts and evidence (" + incident.length + ")"));
      var list = el("ol", "zjx-facts");
      incident.forEach(function (e) {
        var other = nodes.get(e.from === id ? e.to : e.from);
        var li = el("li");
        var head = el("div", "zjx-fact-head");
        head.appendChild(el("span", "zjx-rel", (e.from === id ? "→ " : "← ") + (e.relationLabel || e.relation || "")));
        var go = el("button", "zjx-link", other ? other.name : "");
        go.type = "button";
        go.addEventListener("click", function () { focus(other.id); });
        head.appendChild(go);
        li.appendChild(head);
        if (e.title) li.appendChild(el("div", "zjx-text", e.title));
        list.appendChild(li);
      });
      panel.appendChild(list);
      panel.scrollTop = 0;
    }

    function focus(id) {
      var n = nodes.get(id);
      if (!n) return false;
      if (hiddenTypes[n.type]) {
        delete hiddenTypes[n.type];
        filters.querySelectorAll("input").forEach(function (b) { if (b.dataset.key === n.type) b.checked = true; });
        applyFilters();
      }
      network.selectNodes([id]);
      network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: {duration: 300}});
      show(id);
      return true;
    }

    function place(around, count, i) {
      var p = network.getPositions([around])[around] || {x: 0, y: 0};
      var a = 2 * Math.PI * i / Math.max(count, 1), r = 120 + 6 * count;
      return {x: p.x + r * Math.cos(a), y: p.y + r * Math.sin(a)};
    }

    function expand(id) {
      if (!data.neighbours) {
        var ids = [id].concat(network.getConnectedNodes(id));
        network.selectNodes(ids);
        network.fit({nodes: ids, animation: {duration: 300}});
        return Promise.resolve(ids.length - 1);
      }
      var url = data.neighbours.replace("{id}", encodeURIComponent(id));
      return fetch(url, {headers: {Accept: "application/json"}}).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      }).then(function (more) {
        var fresh = (more.nodes || []).filter(function (n) { return !nodes.get(n.id); });
        nodes.add(fresh.map(function (n, i) {
          var c = Object.assign({}, n);
          if (c.name === undefined) c.name = String(c.label === undefined ? c.id : c.label).replace(/\n/g, "");
          if (c.x === undefined) { var p = place(id, fresh.length, i); c.x = p.x; c.y = p.y; }
          return c;
        }));
        var have = {};
        edges.forEach(function (e) { have[e.from + "\u0000" + e.to + "\u0000" + e.relation] = true; });
        edges.add((more.edges || []).filter(function (e) {
          return nodes.get(e.from) && nodes.get(e.to) && !have[e.from + "\u0000" + e.to + "\u0000" + e.relation];
        }).map(function (e, i) {
          var c = Object.assign({}, e);
          if (c.id === undefined || edges.get(c.id)) c.id = "x" + id + "#" + edges.length + "#" + i;
          return c;
        }));
        applyFilters();
        if (current === id) show(id);
        return fresh.length;
      });
    }

    network.on("click", function (params) {
      if (!params.nodes.length) return;
      var n = nodes.get(params.nodes[0]);
      if (n && n.href) { root.location.href = n.href; return; }
      show(params.nodes[0]);
    });

    // ---- search: name, extra search text, or id; Enter takes the first match ----
    var names = nodeList.map(function (n) {
      return {id: n.id, name: n.name, hay: (n.name + " " + (n.search || "") + " " + n.id).toLowerCase()};
    });
    function matches(q) {
      q = q.trim().toLowerCase();
      if (!q) return [];
      var exact = [], starts = [], inside = [];
      names.forEach(function (n) {
        var name = String(n.name).toLowerCase();
        if (name === q || n.id.toLowerCase() === q) exact.push(n);
        else if (name.indexOf(q) === 0) starts.push(n);
        else if (n.hay.indexOf(q) >= 0) inside.push(n);
      });
      return exact.concat(starts, inside);
    }
    function listResults() {
      var found = matches(search.value);
      results.textContent = "";
      found.slice(0, MAX_RESULTS).forEach(function (n) {
        var li = el("li", null, n.name);
        li.dataset.id = n.id;
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(n.id); });
        results.appendChild(li);
      });
      if (found.length > MAX_RESULTS) results.appendChild(el("li", "zjx-more", "… " + (found.length - MAX_RESULTS)));
      if (search.value.trim() && !found.length) results.appendChild(el("li", "zjx-more", "无结果 no match"));
      results.hidden = !search.value.trim();
    }
    function choose(id) {
      results.hidden = true;
      search.value = nodes.get(id).name;
      focus(id);
    }
    search.addEventListener("input", listResults);
    search.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") {
        var found = matches(search.value);
        if (found.length) choose(found[0].id);
      } else if (ev.key === "Escape") {
        results.hidden = true;
      }
    });
    search.addEventListener("blur", function () { results.hidden = true; });

    return {network: network, nodes: nodes, edges: edges, focus: focus, expand: expand, show: show,
            search: function (q) { search.value = q; listResults(); return matches(q).map(function (n) { return n.id; }); }};
  }

  root.ZJExplorer = {start: start};
})(typeof window !== "undefined" ? window : this);
