"""`-f html`: one self-contained page that shows every find inside the text it came from.

The page needs nothing from the network: its CSS and its one script are inline, and a
Content-Security-Policy lets only that script run (by its hash), so a `<script>` or an `onerror=`
inside a document is shown as text and could not run even if escaping failed. Every piece of the
document and of the records is escaped (`html.escape`, quotes included).

Layout of a document's section:
- a legend of the entity types with their counts; unticking a type hides its marks;
- the original text, each entity a `<mark>` coloured by type with a small label; nested spans are
  nested marks (a target holds its quantity), and a span that crosses another is cut into pieces
  that share one id; hovering or focusing a mark shows its fields;
- the targets as a table (metric, comparator, value, unit, year, subject, modality) whose rows
  link to the target's place in the text.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
from typing import IO

from .output import Writer, target_amount

TYPE_ORDER = ("target", "quantity", "range", "date", "org", "person", "contact")
LABELS = {"target": "目标", "quantity": "数量", "range": "范围", "date": "日期", "org": "机构",
          "person": "人物", "contact": "联系"}
COLOURS = {  # background, label colour: distinguishable, and readable in print
    "target": ("#fde2e2", "#b42318"), "quantity": ("#dbeafe", "#1d4ed8"), "range": ("#e0e7ff", "#4338ca"),
    "date": ("#dcfce7", "#15803d"), "org": ("#fef3c7", "#a16207"), "person": ("#fae8ff", "#a21caf"),
    "contact": ("#e5e7eb", "#374151"),
}
FIELD_ORDER = ("type", "text", "value", "min", "max", "unit", "dimension", "comparator", "grain", "unresolved",
               "kind", "name", "aliases", "titles", "org", "metric", "year", "subject", "modality", "start",
               "end", "rule")

SCRIPT = """
(function () {
  var tip = document.getElementById('tip');
  function show(mark) {
    var fields = JSON.parse(mark.getAttribute('data-fields'));
    tip.textContent = '';
    Object.keys(fields).forEach(function (key) {
      var row = document.createElement('div');
      var k = document.createElement('b');
      k.textContent = key + ': ';
      row.appendChild(k);
      var value = fields[key];
      row.appendChild(document.createTextNode(typeof value === 'string' ? value : JSON.stringify(value)));
      tip.appendChild(row);
    });
    var box = mark.getBoundingClientRect();
    tip.style.left = Math.max(4, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - 380)) + 'px';
    tip.style.top = (box.bottom + window.scrollY + 6) + 'px';
    tip.hidden = false;
  }
  function hide() { tip.hidden = true; }
  document.addEventListener('mouseover', function (event) {
    var mark = event.target.closest && event.target.closest('mark.e');
    if (mark) { show(mark); } else { hide(); }
  });
  document.addEventListener('focusin', function (event) {
    var mark = event.target.closest && event.target.closest('mark.e');
    if (mark) { show(mark); } else { hide(); }
  });
  document.addEventListener('keydown', function (event) { if (event.key === 'Escape') { hide(); } });
  document.querySelectorAll('.legend input').forEach(function (box) {
    box.addEventListener('change', function () {
      var section = box.closest('section');
      section.classList.toggle('hide-' + box.value, !box.checked);
    });
  });
  document.documentElement.setAttribute('data-ready', '1');
})();
"""

STYLE = """
:root { color-scheme: light; }
body { margin: 0; background: #f8fafc; color: #0f172a;
  font: 16px/1.9 "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
    "PingFang SC", "Microsoft YaHei", "Noto Sans CJK TC", sans-serif; }
header.page { padding: 12px 24px; background: #0f172a; color: #f8fafc; }
header.page h1 { margin: 0; font-size: 18px; }
section.doc { margin: 16px 24px; padding: 16px 20px; background: #fff; border: 1px solid #e2e8f0; border-radius: 8px; }
section.doc h2 { margin: 0 0 4px; font-size: 16px; word-break: break-all; }
.meta { color: #475569; font-size: 13px; margin-bottom: 8px; }
.error { color: #b42318; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 13px; margin: 8px 0; }
.legend label { cursor: pointer; white-space: nowrap; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -1px; margin-right: 3px; }
.text { white-space: pre-wrap; word-break: break-word; border-top: 1px solid #e2e8f0; padding-top: 8px; }
mark.e { color: inherit; border-radius: 3px; padding: 1px 0; cursor: help; }
mark.e::before { content: attr(data-label); font-size: 9px; line-height: 1; vertical-align: super; margin-right: 1px; font-weight: 600; }
mark.e:focus { outline: 2px solid #0ea5e9; }
mark.e:target { outline: 2px solid #f97316; }
mark.e mark.e { padding: 0 1px; }
#tip { position: absolute; z-index: 10; max-width: 360px; background: #0f172a; color: #f8fafc; font-size: 12px;
  line-height: 1.5; padding: 6px 8px; border-radius: 6px; box-shadow: 0 4px 12px rgba(0,0,0,.25); pointer-events: none; }
#tip b { color: #93c5fd; font-weight: 600; }
table.targets { border-collapse: collapse; font-size: 13px; margin: 4px 0 12px; }
table.targets th, table.targets td { border: 1px solid #e2e8f0; padding: 2px 8px; text-align: left; }
table.targets th { background: #f1f5f9; }
details { margin: 6px 0; }
summary { cursor: pointer; font-size: 14px; font-weight: 600; }
"""


def _css() -> str:
    rules = [STYLE]
    for kind, (background, label) in COLOURS.items():
        rules.append(f"mark.e-{kind} {{ background: {background}; box-shadow: inset 0 -2px {label}; }}")
        rules.append(f"mark.e-{kind}::before {{ color: {label}; }}")
        rules.append(f".swatch-{kind} {{ background: {background}; box-shadow: inset 0 -2px {label}; }}")
        # unticked in the legend: the text stays, the mark loses its colour and label
        rules.append(f"section.hide-{kind} mark.e-{kind} {{ background: none; box-shadow: none; cursor: text; }}")
        rules.append(f"section.hide-{kind} mark.e-{kind}::before {{ content: none; }}")
    return "\n".join(rules)


def _script_hash() -> str:
    return base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def _fields(entity: dict) -> dict:
    """The fields a tooltip shows, in a fixed order, the rest after."""
    ordered = {k: entity[k] for k in FIELD_ORDER if k in entity}
    ordered.update((k, v) for k, v in entity.items() if k not in ordered)
    return ordered


def _marked_text(text: str, entities: list[dict], doc_id: str) -> str:
    """The text with each entity as <mark>; nested spans nest, crossing spans are cut in pieces."""
    spans = []
    for index, entity in enumerate(entities):
        start, end = entity.get("start"), entity.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
            continue
        kind = entity.get("type", "")
        rank = TYPE_ORDER.index(kind) if kind in TYPE_ORDER else len(TYPE_ORDER)
        spans.append((start, -end, rank, index))
    spans.sort()
    opening: dict[int, list[int]] = {}
    for start, _, _, index in spans:
        opening.setdefault(start, []).append(index)
    boundaries = sorted({s for s, _, _, _ in spans} | {-e for _, e, _, _ in spans} | {0, len(text)})

    def open_tag(index: int, first: bool) -> str:
        entity = entities[index]
        kind = str(entity.get("type", ""))
        anchor = f' id="{doc_id}-e{index}"' if first else ""
        fields = esc(json.dumps(_fields(entity), ensure_ascii=False))
        label = esc(LABELS.get(kind, kind))
        return (f'<mark class="e e-{esc(kind)}"{anchor} data-e="{doc_id}-e{index}" data-type="{esc(kind)}" '
                f'data-label="{label}" data-fields="{fields}" tabindex="0">')

    out: list[str] = []
    stack: list[int] = []  # open entities, outermost first
    for position, following in zip(boundaries, boundaries[1:] + [None]):
        # close what ends here; what was opened inside it and goes on is reopened as a piece
        if any(entities[i]["end"] == position for i in stack):
            reopen = []
            while any(entities[i]["end"] == position for i in stack):
                index = stack.pop()
                out.append("</mark>")
                if entities[index]["end"] != position:
                    reopen.append(index)
            for index in reversed(reopen):
                out.append(open_tag(index, first=False))
                stack.append(index)
        for index in opening.get(position, ()):
            out.append(open_tag(index, first=True))
            stack.append(index)
        if following is not None:
            out.append(esc(text[position:following]))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


def _target_table(targets: list[tuple[int, dict]], doc_id: str) -> str:
    if not targets:
        return ""
    head = "".join(f"<th>{c}</th>" for c in ("", "metric", "comparator", "value", "unit", "year", "subject",
                                              "modality"))
    rows = []
    for index, t in targets:
        amount = target_amount({k: v for k, v in t.items() if k != "unit"})
        cells = [f'<a href="#{doc_id}-e{index}">{esc(t.get("text", ""))}</a>', esc(t.get("metric", "")),
                 esc(t.get("comparator", "")), esc(amount), esc(t.get("unit", "")), esc(t.get("year", "") or ""),
                 esc(t.get("subject", "") or ""), esc(t.get("modality", "") or "")]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (f'<details open><summary>targets ({len(targets)})</summary><table class="targets">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></details>")


class HtmlWriter(Writer):
    """Streams a page: the head when the first document arrives, a section per document."""

    def __init__(self, out: IO[str], **options):
        super().__init__(out, **options)
        self.documents = 0
        self.started = False

    def _start(self) -> None:
        if self.started:
            return
        self.started = True
        csp = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_script_hash()}'; "
               "img-src data:; base-uri 'none'; form-action 'none'")
        self.out.write(
            "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>lianhuan-extract</title>\n"
            f"<style>{_css()}</style>\n</head>\n<body>\n"
            "<header class=\"page\"><h1>lianhuan-extract</h1></header>\n"
            "<div id=\"tip\" role=\"tooltip\" hidden></div>\n")

    def record(self, record: dict) -> None:
        self._start()
        doc_id = f"d{self.documents}"
        self.documents += 1
        entities = list(record.get("entities") or [])
        text = record.get("text")
        if text is None:
            text = ""
        meta = record.get("meta") or {}
        counts: dict[str, int] = {}
        for e in entities:
            counts[e.get("type", "")] = counts.get(e.get("type", ""), 0) + 1
        legend = "".join(
            f'<label><input type="checkbox" value="{esc(kind)}" checked>'
            f'<span class="swatch swatch-{esc(kind)}"></span>{esc(kind)} {counts[kind]}</label>'
            for kind in TYPE_ORDER if kind in counts)
        meta_line = " · ".join(esc(f"{k}: {meta[k]}") for k in ("chars", "encoding", "script", "locale",
                                                                 "reference_date") if meta.get(k) is not None)
        targets = [(i, e) for i, e in enumerate(entities) if e.get("type") == "target"]
        self.out.write(
            f'<section class="doc" id="{doc_id}">\n<h2>{esc(record.get("source") or "")}</h2>\n'
            f'<div class="meta">{meta_line} · {len(entities)} entities</div>\n'
            f'<div class="legend">{legend}</div>\n'
            f"{_target_table(targets, doc_id)}\n"
            f'<div class="text">{_marked_text(text, entities, doc_id)}</div>\n</section>\n')
        self.out.flush()

    def failure(self, source: str, reason: str) -> None:
        self._start()
        self.documents += 1
        self.out.write(f'<section class="doc failed"><h2>{esc(source)}</h2>'
                       f'<div class="error">failed: {esc(reason)}</div></section>\n')
        self.out.flush()

    def close(self) -> None:
        self._start()
        self.out.write(f"<script>{SCRIPT}</script>\n</body>\n</html>\n")
        super().close()
