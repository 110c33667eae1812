// Added to pages by `mantissa serve` (never to the built site): reloads the page when
// the book has been rebuilt, and shows why when it could not be.
(function () {
  var seen = null;
  var box = null;
  function show(error) {
    if (!error) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement("div");
      box.className = "serve-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:1rem;right:1rem;bottom:1rem;max-height:50vh;overflow:auto;" +
        "background:#2b0d0d;color:#ffd7d2;border:2px solid #e0533f;border-radius:8px;padding:0.8rem 1rem;" +
        "font:13px/1.45 ui-monospace,Menlo,Consolas,monospace;z-index:1000;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "The book did not build; the page shows the last good build.\n\n" + error;
  }
  function poll() {
    fetch("/__mantissa/status", { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.version !== seen && !s.error) { location.reload(); return; }
      seen = s.version;
      show(s.error);
    }).catch(function () {}).finally(function () { setTimeout(poll, 250); });
  }
  poll();
})();
