// The note viewer (NoteViewerWriter): renders the notes embedded in #viewer-data a page at a time.
(function () {
  var data = JSON.parse(document.getElementById('viewer-data').textContent);
  var notesEl = document.getElementById('notes'), info = document.getElementById('page-info');
  var search = document.getElementById('search'), flagSel = document.getElementById('flag-filter'), sizeSel = document.getElementById('page-size');
  var prev = document.getElementById('prev'), next = document.getElementById('next'), status = document.getElementById('status');
  var active = {}; data.labels.forEach(function (l) { active[l] = true; });
  var page = 0, pageSize = data.pageSize, shown = data.notes;
  var badges = { historical: 'H', hypothetical: 'if', family: 'FAM' };
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
  function svgEl(tag, attrs) { var e = document.createElementNS('http://www.w3.org/2000/svg', tag); for (var k in attrs) e.setAttribute(k, attrs[k]); return e; }
  function norm(s) { return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim(); }
  function visibleEnts(n) { return n.ents.filter(function (e) { return active[e[2]]; }); }
  function renderText(n) {
    var div = el('div', 'note-text'), text = n.text, pos = 0;
    // Entity marks and header marks, in order; an entity overlapping an earlier one is listed, not drawn.
    var items = [];
    n.ents.forEach(function (e, i) { if (active[e[2]]) items.push({ s: e[0], e: e[1], ent: e, i: i }); });
    n.hdrs.forEach(function (h) { items.push({ s: h[0], e: h[1], hdr: h }); });
    items.sort(function (a, b) { return a.s - b.s || b.e - a.e; });
    items.forEach(function (it) {
      if (it.s < pos) return;
      div.appendChild(document.createTextNode(text.slice(pos, it.s)));
      if (it.hdr) {
        var h = el('span', 'sec-hdr', text.slice(it.s, it.e));
        // The section's name only where it says more than the header itself ("HPI" → history of present illness).
        if (!it.hdr[2] || norm(it.hdr[2]) !== norm(text.slice(it.s, it.e))) h.appendChild(el('span', 'sec-name', it.hdr[2] || 'unknown section'));
        div.appendChild(h);
      } else {
        var e = it.ent, flags = e[3] ? e[3].split(' ') : [];
        var m = el('mark', 'ent ' + flags.join(' '));
        m.style.background = data.colors[e[2]];
        m.setAttribute('data-label', e[2]); m.setAttribute('data-index', it.i);
        m.title = e[2] + (e[3] ? ' [' + e[3] + ']' : '') + (e[4] ? ' \u00b7 section ' + e[4] : '') + (e[6] ? ' \u00b7 concept ' + e[6] : '');
        m.appendChild(el('span', 'txt', text.slice(it.s, it.e)));
        m.appendChild(el('span', 'lbl', e[2]));
        flags.forEach(function (f) { if (badges[f]) m.appendChild(el('span', 'badge ' + f, badges[f])); });
        div.appendChild(m);
      }
      pos = it.e;
    });
    div.appendChild(document.createTextNode(text.slice(pos)));
    return div;
  }
  function highlight(article, idx, on) {
    idx.forEach(function (i) { var m = article.querySelector('mark.ent[data-index="' + i + '"]'); if (m) m.classList.toggle('hl', on); });
  }
  function arcs(n) {
    // Mentions joined by relations, in text order, as boxes; arcs above them, labelled.
    var used = {}; n.rels.forEach(function (r) { used[r[1]] = true; used[r[2]] = true; });
    var order = Object.keys(used).map(Number).sort(function (a, b) { return n.ents[a][0] - n.ents[b][0]; });
    if (order.length === 0 || order.length > 40) return null;
    var x = 8, pos = {}, boxes = [];
    order.forEach(function (i) {
      var e = n.ents[i], label = n.text.slice(e[0], e[1]); if (label.length > 28) label = label.slice(0, 27) + '\u2026';
      var w = Math.max(60, label.length * 6.6 + 16); pos[i] = x + w / 2; boxes.push({ i: i, x: x, w: w, t: label, l: e[2] }); x += w + 14;
    });
    var levels = n.rels.map(function (r) { return Math.abs(order.indexOf(r[1]) - order.indexOf(r[2])); });
    var maxLevel = Math.max.apply(null, levels.concat([1]));
    var top = 22 + Math.min(maxLevel, 6) * 16, h = top + 40;
    var svg = svgEl('svg', { 'class': 'arcs', width: x, height: h, viewBox: '0 0 ' + x + ' ' + h });
    n.rels.forEach(function (r, k) {
      var a = pos[r[1]], b = pos[r[2]], lv = Math.min(levels[k], 6), y = top - lv * 16;
      var left = Math.min(a, b), right = Math.max(a, b);
      svg.appendChild(svgEl('path', { 'class': 'arc', d: 'M' + a + ',' + top + ' C' + a + ',' + y + ' ' + b + ',' + y + ' ' + b + ',' + top }));
      svg.appendChild(svgEl('path', { 'class': 'arc', d: 'M' + (b - 4) + ',' + (top - 6) + ' L' + b + ',' + top + ' L' + (b + 4) + ',' + (top - 6) }));
      // A cubic curve with both control points at y peaks three quarters of the way up: the label sits just above.
      var t = svgEl('text', { 'class': 'arc-label', x: (left + right) / 2, y: top - 0.75 * (top - y) - 3, 'text-anchor': 'middle' }); t.textContent = r[0]; svg.appendChild(t);
    });
    boxes.forEach(function (b) {
      svg.appendChild(svgEl('rect', { x: b.x, y: top, width: b.w, height: 22, rx: 4, fill: data.colors[b.l] }));
      var t = svgEl('text', { x: b.x + b.w / 2, y: top + 15, 'text-anchor': 'middle' }); t.textContent = b.t; svg.appendChild(t);
      var l = svgEl('text', { x: b.x + b.w / 2, y: top + 34, 'text-anchor': 'middle', 'font-size': '9' }); l.textContent = b.l; svg.appendChild(l);
    });
    return svg;
  }
  function renderNote(n) {
    var a = el('article', 'note'); a.setAttribute('data-id', n.id);
    var head = el('header'); head.appendChild(el('b', null, n.id));
    var sections = n.hdrs.filter(function (h) { return h[2]; }).map(function (h) { return h[2]; })
      .filter(function (s, i, all) { return all.indexOf(s) === i; });
    head.appendChild(el('span', null, n.ents.length + ' entities \u00b7 ' + n.rels.length + ' relations' + (sections.length ? ' \u00b7 sections: ' + sections.join(', ') : '')));
    a.appendChild(head); a.appendChild(renderText(n));
    if (n.rels.length) {
      var svg = arcs(n); if (svg) a.appendChild(svg);
      var ul = el('ul', 'relations');
      n.rels.forEach(function (r) {
        var h = n.ents[r[1]], t = n.ents[r[2]], li = el('li', 'relation');
        li.appendChild(document.createTextNode(n.text.slice(h[0], h[1]) + ' (' + h[2] + ')'));
        li.appendChild(el('span', 'rel-label', '\u2014' + r[0] + '\u2192'));
        li.appendChild(document.createTextNode(n.text.slice(t[0], t[1]) + ' (' + t[2] + ')'));
        li.addEventListener('mouseenter', function () { highlight(a, [r[1], r[2]], true); });
        li.addEventListener('mouseleave', function () { highlight(a, [r[1], r[2]], false); });
        ul.appendChild(li);
      });
      a.appendChild(ul);
    }
    return a;
  }
  function filter() {
    var q = search.value.trim().toLowerCase(), f = flagSel.value;
    var anyOff = data.labels.some(function (l) { return !active[l]; });
    shown = data.notes.filter(function (n) {
      if (q && n.id.toLowerCase().indexOf(q) < 0 && n.text.toLowerCase().indexOf(q) < 0) return false;
      var ents = visibleEnts(n);
      if (anyOff && ents.length === 0) return false;
      if (f && !ents.some(function (e) { return e[3] && e[3].split(' ').indexOf(f) >= 0; })) return false;
      return true;
    });
    page = 0; render();
  }
  function render() {
    notesEl.textContent = '';
    var pages = Math.max(1, Math.ceil(shown.length / pageSize));
    if (page >= pages) page = pages - 1;
    var start = page * pageSize, end = Math.min(shown.length, start + pageSize);
    for (var i = start; i < end; i++) notesEl.appendChild(renderNote(shown[i]));
    status.textContent = shown.length === data.notes.length ? data.notes.length + ' notes' : shown.length + ' of ' + data.notes.length + ' notes match';
    info.textContent = shown.length === 0 ? 'no notes' : (start + 1) + '\u2013' + end + ' of ' + shown.length + ' (page ' + (page + 1) + ' of ' + pages + ')';
    prev.disabled = page === 0; next.disabled = page >= pages - 1;
  }
  Array.prototype.forEach.call(document.querySelectorAll('#label-filter input'), function (box) {
    box.addEventListener('change', function () { active[box.value] = box.checked; box.parentNode.classList.toggle('off', !box.checked); filter(); });
  });
  // Filters can come from the address (view.html?q=fever&flag=negated&labels=Problem,Drug), so a filtered view can be shared.
  var params = new URLSearchParams(window.location.search);
  if (params.get('q')) search.value = params.get('q');
  if (params.get('flag')) flagSel.value = params.get('flag');
  if (params.get('labels') !== null) {
    var wanted = params.get('labels').split(',');
    Array.prototype.forEach.call(document.querySelectorAll('#label-filter input'), function (box) {
      box.checked = wanted.indexOf(box.value) >= 0; active[box.value] = box.checked; box.parentNode.classList.toggle('off', !box.checked);
    });
  }
  search.addEventListener('input', filter); flagSel.addEventListener('change', filter);
  sizeSel.addEventListener('change', function () { pageSize = parseInt(sizeSel.value, 10); page = 0; render(); });
  prev.addEventListener('click', function () { page--; render(); window.scrollTo(0, 0); });
  next.addEventListener('click', function () { page++; render(); window.scrollTo(0, 0); });
  filter();
})();
