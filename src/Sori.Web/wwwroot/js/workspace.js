// Keyboard moves. In ticket lists: j / k select the next / previous row ([data-row]), Enter opens it,
// x ticks its checkbox ([data-select]) for bulk actions. Anywhere: an element with data-key="m" is
// clicked when m is pressed (and data-focus moves the focus afterwards); ? shows the list of
// shortcuts; Escape leaves a text field or closes the list; Ctrl+Enter in a text area submits its
// form. Typing in a field is otherwise never intercepted.
window.sori = {
  focus: (selector) => document.querySelector(selector)?.focus(),
};

// Files for a composer: an element with data-drop-files takes files dropped on it, and images pasted
// into a text field inside it, and hands them to its file input (input[data-drop-target]) as if they
// had been picked, so they take the same way (size and count checks, upload with progress). A paste
// that carries text stays a text paste: spreadsheets put a picture of the cells beside the text.
(() => {
  const zoneOf = (el) => el?.closest?.('[data-drop-files]');
  const give = (zone, files) => {
    const input = zone.querySelector('input[type=file][data-drop-target]');
    if (!input || input.disabled || files.length === 0) return false;
    const list = new DataTransfer();
    for (const f of files) list.items.add(f);
    input.files = list.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  };
  const carriesFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  document.addEventListener('dragover', (e) => {
    const zone = zoneOf(e.target);
    if (!zone || !carriesFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    zone.classList.add('dragging');
  });
  document.addEventListener('dragleave', (e) => {
    const zone = zoneOf(e.target);
    if (zone && !zone.contains(e.relatedTarget)) zone.classList.remove('dragging');
  });
  document.addEventListener('drop', (e) => {
    const zone = zoneOf(e.target);
    if (!zone || !carriesFiles(e)) return;
    e.preventDefault();
    zone.classList.remove('dragging');
    give(zone, [...e.dataTransfer.files]);
  });
  document.addEventListener('paste', (e) => {
    const zone = zoneOf(e.target);
    const data = e.clipboardData;
    if (!zone || !data || data.files.length === 0 || [...data.types].includes('text/plain')) return;
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    const files = [...data.files].map((f, i) => {
      const ext = (f.type.split('/')[1] || 'bin').replace('jpeg', 'jpg').replace(/[^a-z0-9]/g, '');
      return new File([f], `pasted-${stamp}${i ? '-' + (i + 1) : ''}.${ext}`, { type: f.type });
    });
    if (give(zone, files)) e.preventDefault();
  });
})();

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
