// The evaluation report (EvaluationReportWriter): pages and filters the errors embedded in #error-data.
(function () {
  var data = JSON.parse(document.getElementById('error-data').textContent);
  var pageSize = data.pageSize, page = 0, shown = data.errors;
  var list = document.getElementById('error-list');
  var kind = document.getElementById('error-kind'), label = document.getElementById('error-label'), search = document.getElementById('error-search');
  var prev = document.getElementById('error-prev'), next = document.getElementById('error-next'), info = document.getElementById('error-page');
  var kindTitle = { FP: 'false positive', FN: 'false negative', label: 'wrong label' };
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
  function context(err) {
    var text = data.texts[err.t], from = Math.max(0, err.s - 140), to = Math.min(text.length, err.e + 140);
    var p = el('p', 'ctx');
    p.appendChild(document.createTextNode((from > 0 ? '\u2026' : '') + text.slice(from, err.s)));
    var m = el('mark', 'k-' + err.k, text.slice(err.s, err.e)); m.title = err.x; p.appendChild(m);
    p.appendChild(document.createTextNode(text.slice(err.e, to) + (to < text.length ? '\u2026' : '')));
    return p;
  }
  function filter() {
    var k = kind.value, l = label.value, q = search.value.trim().toLowerCase();
    shown = data.errors.filter(function (e) {
      if (k && e.k !== k) return false;
      if (l && e.l !== l) return false;
      if (!q) return true;
      return e.d.toLowerCase().indexOf(q) >= 0 || e.x.toLowerCase().indexOf(q) >= 0 || data.texts[e.t].toLowerCase().indexOf(q) >= 0;
    });
    page = 0; render();
  }
  function render() {
    list.textContent = '';
    var pages = Math.max(1, Math.ceil(shown.length / pageSize));
    if (page >= pages) page = pages - 1;
    var start = page * pageSize, end = Math.min(shown.length, start + pageSize);
    if (shown.length === 0) list.appendChild(el('p', 'empty', data.errors.length === 0 ? 'No errors.' : 'No error matches the filters.'));
    for (var i = start; i < end; i++) {
      var e = shown[i], a = el('article', 'error k-' + e.k);
      a.setAttribute('data-kind', e.k); a.setAttribute('data-label', e.l);
      var head = el('div', 'head');
      head.appendChild(el('b', null, kindTitle[e.k] || e.k.replace('assertion-', 'assertion: ')));
      head.appendChild(document.createTextNode(' \u00b7 ' + e.l + ' \u00b7 ' + e.x + ' \u00b7 document ' + e.d));
      a.appendChild(head); a.appendChild(context(e)); list.appendChild(a);
    }
    info.textContent = shown.length === 0 ? '0 errors' : (start + 1) + '\u2013' + end + ' of ' + shown.length + ' (page ' + (page + 1) + ' of ' + pages + ')';
    prev.disabled = page === 0; next.disabled = page >= pages - 1;
  }
  kind.addEventListener('change', filter); label.addEventListener('change', filter); search.addEventListener('input', filter);
  prev.addEventListener('click', function () { page--; render(); });
  next.addEventListener('click', function () { page++; render(); });
  render();
})();
