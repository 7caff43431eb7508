// The post studio while typing: live checks from /api/v1/studio/check, the preview folded
// where LinkedIn folds, and saving the draft a moment after the last keystroke. The page works
// without this script (save and check with the button).

const form = document.getElementById('studio-form');
if (form) {
  const body = document.getElementById('body');
  const csrf = form.querySelector('input[name="csrf"]').value;
  const lang = form.dataset.lang;
  const findings = document.getElementById('studio-findings');
  const count = document.getElementById('studio-count');
  const reading = document.getElementById('studio-reading');
  const saved = document.getElementById('studio-autosave');
  const labels = { de: { error: 'Fehler', warning: 'Hinweis', info: 'Tipp', chars: 'Zeichen', good: 'Keine Hinweise – gut so.', saving: 'Entwurf gespeichert.', failed: 'Speichern gerade nicht möglich – Ihr Text bleibt hier stehen.', reading: 'Lesbarkeit' },
                   en: { error: 'Error', warning: 'Note', info: 'Tip', chars: 'characters', good: 'No findings – well done.', saving: 'Draft saved.', failed: 'Saving is not possible right now – your text stays here.', reading: 'Readability' } }[lang] ?? {};
  let timer;
  let lastSaved = body.value;

  const post = (url, data) => fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
    credentials: 'same-origin',
    body: JSON.stringify(data),
  });

  function render(report) {
    findings.replaceChildren();
    for (const c of report.checks) {
      const li = document.createElement('li');
      li.className = `finding finding-${c.severity}`;
      const strong = document.createElement('strong');
      strong.textContent = `${labels[c.severity] ?? c.severity}:`;
      li.append(strong, ` ${c.message}`);
      findings.append(li);
    }
    if (report.checks.length === 0) {
      const li = document.createElement('li');
      li.textContent = labels.good;
      findings.append(li);
    }
    const m = report.metrics;
    count.textContent = `${m.characters} ${labels.chars}`;
    reading.textContent = `${labels.reading}: Flesch-Amstad ${Math.round(m.flesch_amstad)}, Wiener Sachtextformel ${m.wiener_sachtextformel.toFixed(1)}`;
    // The preview shows exactly the text; fold_index counts Unicode characters, as LinkedIn does.
    const chars = Array.from(body.value);
    const before = chars.slice(0, m.fold_index).join('');
    const after = chars.slice(m.fold_index).join('');
    for (const card of document.querySelectorAll('.li-text')) {
      const b = document.createElement('span');
      b.className = 'li-before';
      b.textContent = before;
      card.replaceChildren(b);
      if (after.length > 0) {
        const more = document.createElement('span');
        more.className = 'li-more';
        more.textContent = lang === 'en' ? '… more' : '… mehr';
        const a = document.createElement('span');
        a.className = 'li-after';
        a.textContent = after;
        card.append(more, a);
      }
    }
  }

  async function update() {
    const text = body.value;
    try {
      const res = await post(form.dataset.check, { text, language: lang });
      if (res.ok) render(await res.json());
    } catch { /* the checks return with the next keystroke */ }
    if (text !== lastSaved) {
      try {
        const res = await post(form.dataset.autosave, { body: text });
        if (res.ok) {
          lastSaved = text;
          saved.textContent = labels.saving;
        } else {
          saved.textContent = labels.failed;
        }
      } catch {
        saved.textContent = labels.failed;
      }
    }
  }

  body.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 600);
  });
  // Nothing typed is lost when the tab closes: a last save on the way out.
  window.addEventListener('pagehide', () => {
    if (body.value !== lastSaved) {
      post(form.dataset.autosave, { body: body.value }).catch(() => {});
    }
  });
}

// "Text kopieren": the text exactly as it stands in the editor (what the preview shows and
// what is published), for posting by hand. Hidden without JavaScript; the text can be
// selected in the field instead.
const copy = document.getElementById('studio-copy');
if (copy && navigator.clipboard) {
  const status = document.getElementById('studio-copy-status');
  copy.hidden = false;
  copy.addEventListener('click', async () => {
    const text = document.getElementById('body').value;
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = copy.dataset.copied;
    } catch {
      document.getElementById('body').select();
    }
  });
}
