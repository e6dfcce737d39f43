// Keyboard moves. In ticket lists: j / k select the next / previous row ([data-row]), Enter opens it.
// Anywhere: an element with data-key="x" is clicked when x is pressed (and data-focus moves the focus
// afterwards); ? shows the list of shortcuts; Escape leaves a text field or closes the list.
// Typing in a field is never intercepted.
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
    return false;
  };

  const pressTarget = (e) => {
    const target = document.querySelector(`[data-key="${CSS.escape(e.key)}"]`);
    if (!target || target.disabled) return false;
    target.click();
    const focus = target.getAttribute('data-focus');
    if (focus) setTimeout(() => document.querySelector(focus)?.focus(), 50);
    return true;
  };

  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      if (typing(document.activeElement)) document.activeElement.blur();
      help()?.setAttribute('hidden', '');
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
