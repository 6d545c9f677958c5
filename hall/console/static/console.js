// Live refresh: a <main data-refresh="N"> is fetched again every N seconds and swapped in
// place (no reload, so scrolling and focus stay), paused while the tab is hidden or
// while the operator is typing into a form on the page.
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main || !main.dataset.refresh) { return; }
  var every = Math.max(parseInt(main.dataset.refresh, 10) || 30, 5) * 1000;
  function busy() {
    var el = document.activeElement;
    return el && main.contains(el) && /INPUT|SELECT|TEXTAREA/.test(el.tagName);
  }
  function refresh() {
    if (document.hidden || busy()) { return; }
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, 10000);
    fetch(window.location.href, { credentials: "same-origin", signal: controller.signal })
      .then(function (r) { return r.ok && !r.redirected ? r.text() : null; })
      .then(function (html) {
        if (html === null) { return; }
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("main");
        var nav = doc.querySelector("header nav"), oldNav = document.querySelector("header nav");
        if (fresh) { main.innerHTML = fresh.innerHTML; }
        if (nav && oldNav) { oldNav.innerHTML = nav.innerHTML; }
      })
      .catch(function () { /* offline for a moment: the next tick tries again */ })
      .finally(function () { clearTimeout(timer); });
  }
  setInterval(refresh, every);
})();
