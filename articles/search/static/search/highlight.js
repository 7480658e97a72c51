// A story opened from the search results (?hl=温暖) marks the searched words in its text.
// Text nodes are split and wrapped in <mark>; nothing is parsed as HTML.
(function () {
  "use strict";
  var query = new URLSearchParams(window.location.search).get("hl");
  if (!query) return;
  var terms = query
    .normalize("NFKC")
    .toLowerCase()
    .split(/[\s"“”]+/)
    .filter(function (term) { return term.length > 0; });
  if (!terms.length) return;

  function markIn(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      var lower = text.normalize("NFKC").toLowerCase();
      if (lower.length !== text.length) return;
      var hits = [];
      terms.forEach(function (term) {
        var at = lower.indexOf(term);
        while (at !== -1) {
          hits.push([at, at + term.length]);
          at = lower.indexOf(term, at + term.length);
        }
      });
      if (!hits.length) return;
      hits.sort(function (a, b) { return a[0] - b[0]; });
      var fragment = document.createDocumentFragment();
      var position = 0;
      hits.forEach(function (hit) {
        if (hit[0] < position) return;
        fragment.appendChild(document.createTextNode(text.slice(position, hit[0])));
        var mark = document.createElement("mark");
        mark.className = "search-mark";
        mark.textContent = text.slice(hit[0], hit[1]);
        fragment.appendChild(mark);
        position = hit[1];
      });
      fragment.appendChild(document.createTextNode(text.slice(position)));
      node.parentNode.replaceChild(fragment, node);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".story__header, .story__body").forEach(markIn);
  });
})();
