/*
 * menu.js: the header's menu button on narrow screens.
 *
 * Without this script the header holds a link to the site navigation, which then sits below the
 * page. With it, the link becomes a disclosure button (aria-expanded, aria-controls) that shows
 * the navigation at the top of the page and hides it again; Escape closes it and puts the focus
 * back on the button. On wide screens the navigation is always shown and the button is not.
 */
'use strict';

(() => {
  function start() {
    const link = document.querySelector('a.menu-toggle');
    const nav = document.getElementById('site-nav');
    if (!link || !nav) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'menu-toggle';
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', 'site-nav');
    button.textContent = link.textContent;
    link.replaceWith(button);
    document.documentElement.classList.add('menu-js');

    const isOpen = () => button.getAttribute('aria-expanded') === 'true';
    function set(open) {
      button.setAttribute('aria-expanded', String(open));
      document.documentElement.classList.toggle('menu-open', open);
    }
    button.addEventListener('click', () => set(!isOpen()));
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && isOpen()) {
        set(false);
        button.focus();
      }
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
