// The graph page: zjgraph's explorer (explorer.js, see its data contract) on the data the page carries.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("zjgraph-data").textContent);
  const explorer = ZJExplorer.start(document.getElementById("explorer"), data);
  window.explorer = explorer; // for tests and the curious: explorer.network, explorer.nodes, explorer.edges
})();
