// Keyboard moves in ticket lists: j / k select the next / previous row, Enter opens it.
// Rows are marked with data-row and hold one link; typing in a field is never intercepted.
(() => {
  const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(document.activeElement)) return;
    const rows = [...document.querySelectorAll('[data-row]')];
    if (rows.length === 0) return;
    let i = rows.findIndex((r) => r.getAttribute('aria-selected') === 'true');
    if (e.key === 'j' || e.key === 'k') {
      i = e.key === 'j' ? Math.min(i + 1, rows.length - 1) : Math.max(i - 1, 0);
      rows.forEach((r, n) => r.setAttribute('aria-selected', n === i ? 'true' : 'false'));
      rows[i].scrollIntoView({ block: 'nearest' });
      e.preventDefault();
    } else if (e.key === 'Enter' && i >= 0) {
      rows[i].querySelector('a')?.click();
      e.preventDefault();
    }
  });
})();
