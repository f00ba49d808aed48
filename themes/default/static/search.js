/*
 * search.js: the search box in the header of every page.
 *
 * The index of the page's language (search-index.json, made at build time) is fetched from the
 * site itself the first time someone types in the box; nothing is sent anywhere. Query words
 * are matched as prefixes of the indexed words, after the same normalisation the index had
 * (src/site/search.rs): folded as `fold` in src/text.rs does (decomposed, lower case, accents
 * removed, and the letters that do not decompose folded with the table the index carries), then
 * split at anything that is not a letter, digit or mark. A result must
 * match every query word. Keyboard: type, then Down to the results, Up/Down between them,
 * Enter opens one, Escape goes back to the box and closes the list.
 *
 * The normalisation (globalThis.toolkitSearch) needs no DOM, so that Node.js can test it against
 * tests/data/fold-vectors.json, the file the Rust fold is tested against too.
 */
'use strict';

((root) => {
  // The accents the fold drops: `is_accent` in src/text.rs.
  const ACCENTS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/gu;

  /** Lower case without accents; `letters` maps letters that do not decompose to their fold. */
  function normalise(text, letters) {
    let out = '';
    for (const c of text.normalize('NFD').toLowerCase().replace(ACCENTS, '')) {
      out += letters.has(c) ? letters.get(c) : c;
    }
    return out;
  }

  /** The normalised words of a text, two characters or longer. */
  function words(text, letters) {
    return normalise(text, letters).split(/[^\p{Alphabetic}\p{N}\p{M}]+/u).filter((w) => [...w].length >= 2);
  }

  root.toolkitSearch = { normalise, words };

  if (typeof document === 'undefined') return;

  const box = document.querySelector('.site-search');
  if (!box || !window.fetch) return;
  const input = box.querySelector('input');
  const list = box.querySelector('.search-results');
  const status = box.querySelector('[role="status"]');
  const MAX_RESULTS = 20;
  let index = null;
  let letters = new Map();
  let loading = null;

  box.hidden = false;

  function say(name, values) {
    return (box.dataset[name] || '').replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
  }

  function load() {
    if (!loading) {
      loading = fetch(box.dataset.index)
        .then((response) => {
          if (!response.ok) throw new Error(response.statusText);
          return response.json();
        })
        .then((data) => {
          index = data;
          index.terms = Object.keys(data.words);
          letters = new Map(Object.entries(data.fold || {}));
        });
    }
    return loading;
  }

  /** Documents matching every word of `query`, best first. */
  function search(query) {
    const wanted = words(query, letters);
    if (!wanted.length) return [];
    let scores = null;
    for (const word of wanted) {
      const found = new Map();
      for (const term of index.terms) {
        if (!term.startsWith(word)) continue;
        // Each entry is (gap from the previous document << 2) | weight.
        const exact = term === word ? 1 : 0;
        let doc = 0;
        for (const entry of index.words[term]) {
          doc += entry >> 2;
          const score = (entry & 3) * 2 + exact;
          if ((found.get(doc) || 0) < score) found.set(doc, score);
        }
      }
      if (scores === null) {
        scores = found;
      } else {
        for (const doc of [...scores.keys()]) {
          if (found.has(doc)) scores.set(doc, scores.get(doc) + found.get(doc));
          else scores.delete(doc);
        }
      }
    }
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, MAX_RESULTS)
      .map(([doc]) => index.docs[doc]);
  }

  function show(query) {
    list.textContent = '';
    if (!query.trim()) {
      list.hidden = true;
      status.textContent = '';
      return;
    }
    const results = search(query);
    for (const doc of results) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = doc.u;
      const title = document.createElement('span');
      title.className = 'result-title';
      title.textContent = doc.t;
      link.append(title);
      if (doc.c) {
        const context = document.createElement('span');
        context.className = 'result-context';
        context.textContent = doc.c;
        link.append(context);
      }
      item.append(link);
      list.append(item);
    }
    if (!results.length) {
      const item = document.createElement('li');
      item.className = 'search-none';
      item.textContent = say('none', { query });
      list.append(item);
    }
    list.hidden = false;
    status.textContent = results.length ? say('results', { count: results.length }) : say('none', { query });
  }

  input.addEventListener('input', () => {
    const query = input.value;
    load()
      .then(() => {
        if (input.value === query) show(query);
      })
      .catch(() => {
        status.textContent = say('failed', {});
      });
  });

  function links() {
    return [...list.querySelectorAll('a')];
  }

  box.addEventListener('keydown', (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === 'ArrowDown' && all.length) {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === 'ArrowUp' && at >= 0) {
      event.preventDefault();
      if (at === 0) input.focus();
      else all[at - 1].focus();
    } else if (event.key === 'Escape') {
      list.hidden = true;
      input.focus();
    }
  });

  document.addEventListener('click', (event) => {
    if (!box.contains(event.target)) list.hidden = true;
  });
})(globalThis);
