/* gazette default theme: optional progressive enhancement, no dependencies.
   The site works fully without it. On wide screens the section sidebar
   (a <details>) is kept open and scrolled to the current section; on small
   screens it stays collapsed as a "目录 / Contents" menu. */
(function () {
  "use strict";
  var d = document.querySelector(".sidebar-details");
  if (!d || !window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 900px)");
  function sync() { d.open = wide.matches; }
  sync();
  if (wide.addEventListener) wide.addEventListener("change", sync);
  var nav = d.closest ? d.closest(".sidebar") : null;
  var cur = d.querySelector('[aria-current="page"]');
  if (nav && cur && wide.matches && nav.scrollHeight > nav.clientHeight) {
    nav.scrollTop = Math.max(0, cur.offsetTop - nav.clientHeight / 3);
  }
})();
