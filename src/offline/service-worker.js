/*
 * sw.js: written by `toolkit build` (site.toml: `offline = false` leaves it out). It keeps the
 * site readable offline: the pages, scripts, search index and downloads of the languages a
 * reader opened are kept on the device. Online, every request goes to the network as if there
 * were no worker (what it answers for a listed file refreshes the copy); only when the network
 * fails does the kept copy answer, and a page from the copy is marked so that it says so. The worker keeps only the files the build listed below,
 * never a request made with what a reader typed, never a POST and nothing of another site.
 * A new build writes a new version (from the digest of everything it wrote): the browser
 * installs it at the next visit, it keeps the same languages anew, and removes the old copy.
 */
'use strict';

const VERSION = '__VERSION__';
/** The files of each language, relative to the site's base (`''` is the home page). */
const FILES = __FILES__;
const SCOPE = new URL('./', self.location.href).pathname;
const PREFIX = `toolkit ${SCOPE} `;

function cacheName(lang, version = VERSION) {
  return `${PREFIX}${version} ${lang}`;
}

/** Keeps every file of `lang` of this version, unless it is kept already. */
async function keep(lang) {
  const list = FILES[lang];
  if (!list) return false;
  const cache = await caches.open(cacheName(lang));
  const kept = await cache.keys();
  if (kept.length < list.length) await cache.addAll(list.map((path) => SCOPE + path));
  return true;
}

self.addEventListener('install', (event) => {
  // A new version keeps the languages the old one kept before it takes over.
  event.waitUntil(
    (async () => {
      const names = (await caches.keys()).filter((name) => name.startsWith(PREFIX));
      const languages = new Set(names.map((name) => name.slice(name.lastIndexOf(' ') + 1)));
      for (const lang of languages) await keep(lang);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      const current = Object.keys(FILES).map((lang) => cacheName(lang));
      await Promise.all(
        names
          .filter((name) => name.startsWith(PREFIX) && !current.includes(name))
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const data = event.data || {};
  // A page that sees this version waiting asks it to take over (see offline.js).
  if (data.type === 'take-over') {
    self.skipWaiting();
    return;
  }
  if (data.type !== 'keep' || typeof data.lang !== 'string') return;
  event.waitUntil(
    keep(data.lang)
      .then((kept) => {
        if (kept && event.source) event.source.postMessage({ type: 'kept', lang: data.lang, version: VERSION });
      })
      .catch(() => {
        // Offline or out of space: the next page asks again.
      }),
  );
});

/** The kept copy of `request`, a page marked as one. */
async function fromCopy(request) {
  const page = request.mode === 'navigate';
  let found;
  for (const lang of Object.keys(FILES)) {
    const cache = await caches.open(cacheName(lang));
    // A page's address may carry a filter (`?phase=train`): the page is the same file.
    found = await cache.match(request, { ignoreSearch: page });
    if (found) break;
  }
  if (!found) return Response.error();
  const type = found.headers.get('Content-Type') || '';
  const path = new URL(request.url).pathname;
  if (!page || !(type.includes('text/html') || path.endsWith('/') || path.endsWith('.html'))) return found;
  const html = (await found.text()).replace(/<html\b/i, '<html data-offline-copy');
  return new Response(html, { status: found.status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

/**
 * Keeps what the network just answered for a listed file of a kept language, so that the copy
 * is as recent as the reader's last visit even before a new build's worker takes over. An
 * address with a query (what a reader chose or typed) is never kept.
 */
async function refresh(url, response) {
  if (!response.ok || url.search) return;
  const path = url.pathname.slice(SCOPE.length);
  for (const [lang, list] of Object.entries(FILES)) {
    if (!list.includes(path) || !(await caches.has(cacheName(lang)))) continue;
    await (await caches.open(cacheName(lang))).put(url.href, response);
    return;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE)) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        event.waitUntil(refresh(url, response.clone()));
        return response;
      })
      .catch(() => fromCopy(request)),
  );
});
