// What `toolkit serve` adds to every page it serves (never to a build): it reloads the page when
// the server announces a new build, lets the error overlay be closed, marks the page as served
// by `serve` and removes a service worker left by a published build of the site, so that every
// edit shows. A file rather than inline code, so the pages' Content-Security-Policy allows it.
(function () {
  var script = document.currentScript;
  var shown = script ? script.getAttribute('data-build') : '';
  document.documentElement.setAttribute('data-live-preview', '');
  var events = new EventSource('/__toolkit/events');
  events.addEventListener('build', function (e) {
    if (e.data !== shown) {
      events.close();
      location.reload();
    }
  });
  document.addEventListener('click', function (e) {
    if (!e.target.closest || !e.target.closest('.toolkit-serve-close')) return;
    var overlay = document.getElementById('toolkit-serve-errors');
    if (overlay) overlay.remove();
  });
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.getRegistrations().then(function (registrations) {
      registrations.forEach(function (registration) {
        registration.unregister();
      });
    });
  }
})();
