using System.Text;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Sections;

namespace Asclepius.TextMining.Cli.Reports;

/// <summary>
/// A displaCy-like viewer for labeled notes, as one self-contained HTML file: notes are embedded as JSON and
/// rendered a page at a time in the browser, so thousands of notes open quickly. Entities are highlighted
/// by label with a legend that doubles as a label filter; assertion flags show as styles and badges
/// (negated struck through, uncertain dotted, historical "H", hypothetical "if", family "FAM"); section
/// headers are marked (found with the section rules); relations are listed per note and drawn as arcs
/// over the mentions they join. Search matches note ids and text.
/// Filters may be given in the address: view.html?q=TEXT&amp;flag=negated&amp;labels=Problem,Drug.
/// Layout: header.page with #search, #label-filter (label.chip per label), #flag-filter, #page-size;
/// #notes of article.note (div.note-text with mark.ent, span.sec-hdr; ul.relations; svg.arcs); #pager.
/// </summary>
public static class NoteViewerWriter
{
    public const int DefaultPageSize = 10;

    public static void Write(IReadOnlyList<AnnotatedDocument> notes, string path, string title, SectionRuleSet? sections = null)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        File.WriteAllText(path, ToHtml(notes, title, sections), new UTF8Encoding(false));
    }

    public static string ToHtml(IReadOnlyList<AnnotatedDocument> notes, string title, SectionRuleSet? sections = null)
    {
        sections ??= SectionRuleSet.Default;
        var labels = notes.SelectMany(n => n.Entities.Select(e => e.Label)).Distinct().Order(StringComparer.Ordinal).ToArray();
        var relLabels = notes.SelectMany(n => n.Relations.Select(r => r.Label)).Distinct().Order(StringComparer.Ordinal).ToArray();
        var entityCount = notes.Sum(n => n.Entities.Count);
        var relationCount = notes.Sum(n => n.Relations.Count);

        var body = new StringBuilder();
        body.Append("<header class=\"page\"><h1>").Append(Html.Escape(title)).Append("</h1>");
        body.Append($"<p class=\"meta\"><span id=\"count-notes\">{notes.Count}</span> notes · {entityCount} entities · {relationCount} relations</p>");
        body.Append("<div class=\"controls\"><input type=\"search\" id=\"search\" placeholder=\"Search note id or text\" />");
        body.Append("<select id=\"flag-filter\" title=\"Show notes with a mention carrying this assertion\"><option value=\"\">any assertion</option>");
        foreach (var f in new[] { "negated", "uncertain", "historical", "hypothetical", "family" }) body.Append($"<option value=\"{f}\">{f}</option>");
        body.Append("</select><select id=\"page-size\"><option>10</option><option>25</option><option>50</option><option>100</option></select></div>");
        body.Append("<div id=\"label-filter\" class=\"legend\">");
        foreach (var l in labels)
            body.Append($"<label class=\"chip\" data-label=\"{Html.Escape(l)}\" style=\"background:{Html.LabelColor(l, labels)}\"><input type=\"checkbox\" checked=\"checked\" value=\"{Html.Escape(l)}\" />{Html.Escape(l)}</label>");
        body.Append("<span class=\"flag-key\"><span class=\"ent-demo neg\">negated</span><span class=\"ent-demo unc\">uncertain</span><span class=\"badge\">H</span> historical <span class=\"badge\">if</span> hypothetical <span class=\"badge\">FAM</span> family <span class=\"sec-demo\">SECTION</span> header</span>");
        body.Append("</div></header>\n<main><p id=\"status\" class=\"muted\"></p><div id=\"notes\"></div>");
        body.Append("<div class=\"pager\" id=\"pager\"><button type=\"button\" id=\"prev\">Previous</button><span id=\"page-info\"></span><button type=\"button\" id=\"next\">Next</button></div>");
        body.Append(Html.JsonScript("viewer-data", Data(notes, labels, relLabels, sections)));
        body.Append("</main>");
        return Html.Page(title, Html.BaseStyle + Style, body.ToString(), Script);
    }

    /// <summary>"4329847 Myocardial infarction (SNOMED, 0.93)" from a linker; the bare id from a gold corpus; null when none.</summary>
    private static string? ConceptTitle(Entity e) => e.Link is { } l
        ? $"{l.Id} {l.Name} ({(l.Vocabulary.Length > 0 ? l.Vocabulary + ", " : "")}{l.Score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)})"
        : e.Concept;

    private static JsonObject Data(IReadOnlyList<AnnotatedDocument> notes, string[] labels, string[] relLabels, SectionRuleSet sections)
    {
        var colors = new JsonObject();
        foreach (var l in labels) colors[l] = Html.LabelColor(l, labels);
        var arr = new JsonArray();
        foreach (var n in notes)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var ents = new JsonArray();
            for (var i = 0; i < n.Entities.Count; i++)
            {
                var e = n.Entities[i];
                index.TryAdd(e.Id, i);
                ents.Add(new JsonArray(e.Span.Start, e.Span.End, e.Label, Flags(e.Assertions), e.Section, e.Id, ConceptTitle(e)));
            }
            var rels = new JsonArray();
            foreach (var r in n.Relations)
            {
                if (!index.TryGetValue(r.HeadId, out var h) || !index.TryGetValue(r.TailId, out var t)) continue;
                rels.Add(new JsonArray(r.Label, h, t));
            }
            var hdrs = new JsonArray();
            foreach (var h in sections.FindHeaders(n.Text).Where(h => !h.IsSubheader))
                hdrs.Add(new JsonArray(h.Span.Start, h.Span.End, h.Section?.Title));
            arr.Add(new JsonObject { ["id"] = n.Id, ["text"] = n.Text, ["ents"] = ents, ["rels"] = rels, ["hdrs"] = hdrs });
        }
        return new JsonObject
        {
            ["labels"] = new JsonArray(labels.Select(l => (JsonNode)l).ToArray()),
            ["relationLabels"] = new JsonArray(relLabels.Select(l => (JsonNode)l).ToArray()),
            ["colors"] = colors,
            ["pageSize"] = DefaultPageSize,
            ["notes"] = arr,
        };
    }

    private static string Flags(Assertions a)
    {
        var parts = new List<string>();
        if (a.HasFlag(Assertions.Negated)) parts.Add("negated");
        if (a.HasFlag(Assertions.Uncertain)) parts.Add("uncertain");
        if (a.HasFlag(Assertions.Historical)) parts.Add("historical");
        if (a.HasFlag(Assertions.Hypothetical)) parts.Add("hypothetical");
        if (a.HasFlag(Assertions.Family)) parts.Add("family");
        return string.Join(" ", parts);
    }

    private const string Style = """
        header.page .controls { display: flex; gap: 10px; margin: 10px 0 8px; flex-wrap: wrap; }
        header.page .controls input[type=search] { width: 320px; }
        .legend { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; }
        .chip { display: inline-flex; align-items: center; gap: 4px; padding: 2px 9px 2px 5px; border-radius: 12px; color: #1f2933; font-size: 12px; font-weight: 600; cursor: pointer; }
        .chip input { margin: 0; }
        .chip.off { opacity: .35; }
        .flag-key { margin-left: 14px; color: #c9d6e6; font-size: 12px; display: inline-flex; gap: 6px; align-items: center; flex-wrap: wrap; }
        .ent-demo { background: #e4e9ef; color: #1f2933; padding: 0 4px; border-radius: 3px; }
        .sec-demo { color: #fff; font-weight: 700; border-bottom: 2px solid #7aa6e8; }
        article.note { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 18px 14px; margin: 14px 0; }
        article.note > header { display: flex; justify-content: space-between; gap: 10px; font-size: 12px; color: var(--muted); border-bottom: 1px solid var(--line); padding-bottom: 6px; margin-bottom: 8px; }
        article.note > header b { color: var(--fg); font-size: 13px; }
        .note-text { white-space: pre-wrap; word-break: break-word; line-height: 2.1; font-size: 14px; }
        mark.ent { padding: 2px 4px; border-radius: 4px; color: #1f2933; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
        mark.ent .lbl { font-size: 9.5px; font-weight: 700; letter-spacing: .03em; text-transform: uppercase; margin-left: 4px; opacity: .75; vertical-align: middle; }
        mark.ent.negated .txt, .ent-demo.neg { text-decoration: line-through; text-decoration-thickness: 2px; text-decoration-color: #b42318; }
        mark.ent.uncertain, .ent-demo.unc { outline: 2px dotted #5a4a9f; outline-offset: -1px; }
        mark.ent.hl { box-shadow: 0 0 0 2px #1f3a5f; }
        .badge { display: inline-block; font-size: 9px; font-weight: 700; line-height: 1; padding: 2px 3px; margin-left: 3px; border-radius: 3px; background: #1f3a5f; color: #fff; vertical-align: middle; }
        .badge.family { background: #9c4221; }
        .badge.hypothetical { background: #5a4a9f; }
        .sec-hdr { font-weight: 700; border-bottom: 2px solid var(--accent); }
        .sec-hdr .sec-name { font-size: 10px; font-weight: 600; color: var(--accent); margin-left: 4px; text-transform: uppercase; letter-spacing: .03em; }
        ul.relations { margin: 10px 0 0; padding: 8px 0 0 18px; border-top: 1px dashed var(--line); font-size: 12.5px; }
        ul.relations li { margin: 2px 0; cursor: default; }
        .rel-label { font-weight: 700; color: var(--accent); margin: 0 6px; }
        svg.arcs { display: block; margin: 8px 0 0; max-width: 100%; }
        svg.arcs text { font: 11px system-ui, sans-serif; }
        svg.arcs .arc { fill: none; stroke: #1f3a5f; stroke-width: 1.4; }
        svg.arcs .arc-label { fill: #1f3a5f; font-weight: 600; font-size: 10px; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
        #status { margin: 4px 0 0; }
        """;

    private const string Script = """
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
        """;
}
