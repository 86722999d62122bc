/* gazette default theme: optional progressive enhancement, no dependencies.
   The site works fully without it. A <details data-open-from="900px"> (the header menu, the
   section sidebar, the in-page contents) folds behind its button on narrow screens and is
   shown open from that width: CSS does it where ::details-content is supported, this keeps it
   open for older browsers. The sidebar is scrolled to the current section, and the reading
   aids (text size, high contrast) are shown and remembered. */
(function () {
  "use strict";
  if (!window.matchMedia) return;
  var folding = document.querySelectorAll("details[data-open-from]");
  Array.prototype.forEach.call(folding, function (d) {
    var wide = window.matchMedia("(min-width: " + d.getAttribute("data-open-from") + ")");
    function sync() { d.open = wide.matches; }
    sync();
    if (wide.addEventListener) wide.addEventListener("change", sync);
  });
  // Reading aids: text size and high contrast, kept in localStorage (the inline script in
  // <head> applies them before the first paint); shown only where this script runs.
  var aids = document.querySelector(".reading-aids");
  if (aids) {
    var root = document.documentElement;
    var buttons = aids.querySelectorAll("button");
    var store = function (key, value) { try { localStorage.setItem(key, value); } catch (e) { /* private mode */ } };
    var paint = function () {
      Array.prototype.forEach.call(buttons, function (b) {
        var on = b.dataset.textSize ? b.dataset.textSize === (root.dataset.textSize || "m")
          : root.dataset.contrast === "high";
        b.setAttribute("aria-pressed", String(on));
      });
    };
    aids.addEventListener("click", function (event) {
      var b = event.target.closest("button");
      if (!b) return;
      if (b.dataset.textSize) {
        root.dataset.textSize = b.dataset.textSize;
        store("gazette-text-size", b.dataset.textSize);
      } else {
        root.dataset.contrast = root.dataset.contrast === "high" ? "normal" : "high";
        store("gazette-contrast", root.dataset.contrast);
      }
      paint();
    });
    paint();
    aids.hidden = false;
  }
  var nav = document.querySelector(".sidebar");
  var cur = nav && nav.querySelector('[aria-current="page"]');
  if (cur && nav.scrollHeight > nav.clientHeight) {
    nav.scrollTop = Math.max(0, cur.offsetTop - nav.clientHeight / 3);
  }
})();
