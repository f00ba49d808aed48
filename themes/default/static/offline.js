/*
 * offline.js: keeps the site readable offline. It registers the service worker the build
 * wrote (sw.js, at the site's base) and asks it to keep the pages, scripts, search index and
 * downloads of this page's language on this device. The worker answers from the network while
 * there is one and from its copy when there is none; a page shown from the copy says so (the
 * worker marks it, and the stylesheet shows the note). Nothing typed into a page is kept by the
 * worker: it keeps only the files the build listed.
 *
 * Under `toolkit serve` (whose own script marks the page, and removes a worker left by a
 * published build) it registers nothing, so that an edit always shows.
 */
'use strict';

(() => {
  const script = document.currentScript;
  if (!script || !('serviceWorker' in navigator)) return;
  const root = document.documentElement;
  const scope = new URL(script.dataset.scope, location.href).href;

  // Under `toolkit serve`, whose own script removes any worker, so that edits always show.
  if (root.hasAttribute('data-live-preview')) return;

  const lang = root.lang;
  /** Asks the worker that controls this page (or the active one) to keep this language. */
  function keep(worker) {
    if (worker) worker.postMessage({ type: 'keep', lang });
  }
  navigator.serviceWorker.addEventListener('message', (event) => {
    const data = event.data || {};
    // The version the copy on this device is of, for whoever wants to know (tests do).
    if (data.type === 'kept' && data.lang === lang) root.dataset.offlineVersion = data.version;
  });
  // A new build's worker takes over: it keeps this language again, of the new version.
  navigator.serviceWorker.addEventListener('controllerchange', () => keep(navigator.serviceWorker.controller));
  navigator.serviceWorker
    .register(script.dataset.worker, { scope })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      keep(registration.active);
      // A new build's worker that waits (the browser found it at this visit): it takes over
      // now, so that the copy on this device is of the build the reader sees.
      const takeOver = () => registration.waiting && registration.waiting.postMessage({ type: 'take-over' });
      takeOver();
      registration.addEventListener('updatefound', () => {
        const worker = registration.installing;
        if (worker) worker.addEventListener('statechange', takeOver);
      });
    })
    .catch(() => {
      // No worker (an old browser, a private window): the site works online as before.
    });
})();
