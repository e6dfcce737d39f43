// Keyboard moves. In ticket lists: j / k select the next / previous row ([data-row]), Enter opens it,
// x ticks its checkbox ([data-select]) for bulk actions. Anywhere: an element with data-key="m" is
// clicked when m is pressed (and data-focus moves the focus afterwards); ? shows the list of
// shortcuts; Escape leaves a text field or closes the list; Ctrl+Enter in a text area submits its
// form. Typing in a field is otherwise never intercepted.
window.sori = {
  focus: (selector) => document.querySelector(selector)?.focus(),
};

(() => {
  const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  const help = () => document.getElementById('shortcuts');

  const moveInList = (e) => {
    const rows = [...document.querySelectorAll('[data-row]')];
    if (rows.length === 0) return false;
    let i = rows.findIndex((r) => r.getAttribute('aria-selected') === 'true');
    if (e.key === 'j' || e.key === 'k') {
      i = e.key === 'j' ? Math.min(i + 1, rows.length - 1) : Math.max(i - 1, 0);
      rows.forEach((r, n) => r.setAttribute('aria-selected', n === i ? 'true' : 'false'));
      rows[i].scrollIntoView({ block: 'nearest' });
      return true;
    }
    if (e.key === 'Enter' && i >= 0) {
      rows[i].querySelector('a')?.click();
      return true;
    }
    if (e.key === 'x' && i >= 0) {
      rows[i].querySelector('[data-select]')?.click();
      return true;
    }
    return false;
  };

  const pressTarget = (e) => {
    const target = document.querySelector(`[data-key="${CSS.escape(e.key)}"]`);
    if (!target || target.disabled) return false;
    // data-reveal shows an element at once (the server renders it open a moment later), so data-focus
    // can focus inside it before the next key arrives.
    const reveal = target.getAttribute('data-reveal');
    if (reveal) document.querySelector(reveal)?.removeAttribute('hidden');
    target.click();
    const focus = target.getAttribute('data-focus');
    if (focus && reveal) document.querySelector(focus)?.focus();
    else if (focus) setTimeout(() => document.querySelector(focus)?.focus(), 50);
    return true;
  };

  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      if (typing(document.activeElement)) document.activeElement.blur();
      help()?.setAttribute('hidden', '');
      return;
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && document.activeElement?.tagName === 'TEXTAREA') {
      const form = document.activeElement.form;
      if (form) { e.preventDefault(); form.requestSubmit(); }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || typing(document.activeElement)) return;
    if (e.key === '?') {
      const h = help();
      if (h) h.hasAttribute('hidden') ? h.removeAttribute('hidden') : h.setAttribute('hidden', '');
      e.preventDefault();
      return;
    }
    if (moveInList(e) || pressTarget(e)) e.preventDefault();
  });
})();
