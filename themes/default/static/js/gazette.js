/* gazette default theme: optional progressive enhancement, no dependencies.
   The site works fully without it. A <details data-open-from="900px"> (the header menu, the
   section sidebar, the in-page contents) folds behind its button on narrow screens and is
   shown open from that width: CSS does it where ::details-content is supported, this keeps it
   open for older browsers. The sidebar is scrolled to the current section. */
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
  var nav = document.querySelector(".sidebar");
  var cur = nav && nav.querySelector('[aria-current="page"]');
  if (cur && nav.scrollHeight > nav.clientHeight) {
    nav.scrollTop = Math.max(0, cur.offsetTop - nav.clientHeight / 3);
  }
})();
