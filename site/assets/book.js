// Renders math with KaTeX (shipped in assets/), adds a copy button to every code cell, and
// wires the theme toggle. Code is highlighted when the page is built, not here.
document.addEventListener("DOMContentLoaded", function () {
  if (window.katex) {
    document.querySelectorAll(".math").forEach(function (el) {
      katex.render(el.textContent, el, {
        displayMode: el.classList.contains("display"),
        throwOnError: false
      });
    });
  }
  document.querySelectorAll("pre.cell-code").forEach(function (pre) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = pre.getAttribute("data-copy");
    button.addEventListener("click", function () {
      var code = pre.querySelector("code").textContent;
      var done = function () {
        button.textContent = pre.getAttribute("data-copied");
        setTimeout(function () { button.textContent = pre.getAttribute("data-copy"); }, 1500);
      };
      if (navigator.clipboard) navigator.clipboard.writeText(code).then(done, function () {});
    });
    pre.appendChild(button);
  });
  document.querySelectorAll("[data-theme-toggle]").forEach(function (button) {
    button.addEventListener("click", function () {
      var root = document.documentElement;
      var current = root.getAttribute("data-theme") ||
        (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
      var next = current === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("mantissa-theme", next); } catch (e) {}
    });
  });
  // The link to this page in another language keeps the reader's place: anchors are the
  // same in every edition.
  document.querySelectorAll("a[data-keep-place]").forEach(function (a) {
    a.addEventListener("click", function () {
      if (location.hash) a.href = a.getAttribute("href").split("#")[0] + location.hash;
    });
  });
});
