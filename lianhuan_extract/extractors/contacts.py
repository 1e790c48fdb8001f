"""Phone, fax, email and url, with the kind taken from the label in front of them.

Matched on characters of the normalised (half-width, simplified) text. `value` is the contact as
the user wrote it, with spaces dropped.
"""
from __future__ import annotations

import regex

from ..data import load
from ..entity import Context, Entity

_EMAIL = regex.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w-])")
_URL = regex.compile(
    r"(?<![\w@./-])(?:(?:https?|ftp)://[^\s<>\"'，。、；！？（）【】《》]{1,500}"
    r"|www\.[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}(?:/[^\s<>\"'，。、；！？（）【】《》]{0,500})?"
    r"|[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,6}\.(?:com|cn|net|org|gov|edu|tw|hk|mo|io|info|biz)(?:\.(?:cn|tw|hk|mo))?(?:/[^\s<>\"'，。、；！？（）【】《》]{0,500})?)"
    r"(?<![.,;:!?)])"
)
# a phone number: optional +country, optional (area) or area-, the number in 1-3 groups, an extension
_PHONE = regex.compile(
    r"(?<![\d\w+.-])"
    r"(?:\+?\s?(?:86|852|853|886)[\s-]?)?"
    r"(?:"
    r"1[3-9]\d(?:[\s-]?\d{4}){2}"                         # mobile 138 1234 5678
    r"|(?:\(0?\d{1,3}\)\s?|0\d{1,3}[\s-])?[2-9]\d{2,3}[\s-]?\d{4}"  # (02)2366-1234, 0514-89993100
    r"|[48]00[\s-]?\d{3}[\s-]?\d{4}"                      # 400-800-1234
    r")"
    r"(?:\s?(?:分机|转|ext\.?|EXT\.?|Ext\.?|-)\s?\d{1,5})?"
    r"(?![\d\w])"
)


def _label_pattern():
    labels = load("contacts")["labels"]
    alts = sorted(((w, kind) for kind, words in labels.items() for w in words), key=lambda x: -len(x[0]))
    return regex.compile(r"(?:" + "|".join(regex.escape(w) for w, _ in alts) + r")\s{0,3}(?:号码)?\s{0,3}[:：]?"), dict(alts)


_LABELS = None


def _kind_before(text: str, start: int, default: str) -> str:
    """The kind named by the nearest label on the same line before `start`."""
    global _LABELS
    if _LABELS is None:
        _LABELS = _label_pattern()
    pattern, kinds = _LABELS
    line_start = text.rfind("\n", 0, start) + 1
    window = text[max(line_start, start - 40):start]
    best = None
    for m in pattern.finditer(window):
        best = m
    if best is None:
        return default
    label = best.group().rstrip(":： ").removesuffix("号码").rstrip()
    kind = kinds.get(label, default)
    return kind if kind in ("phone", "fax") else default


def extract(ctx: Context) -> list[Entity]:
    text = ctx.text
    out: list[Entity] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _EMAIL.finditer(text):
        out.append(Entity("contact", m.start(), m.end(), {"kind": "email", "value": m.group()}, "contact.email"))
        taken.append(m.span())
    for m in _URL.finditer(text):
        if free(*m.span()):
            out.append(Entity("contact", m.start(), m.end(), {"kind": "url", "value": m.group()}, "contact.url"))
            taken.append(m.span())
    for m in _PHONE.finditer(text):
        if not free(*m.span()):
            continue
        kind = _kind_before(text, m.start(), "phone")
        value = regex.sub(r"\s+", "", ctx.doc.original_span(*m.span()))
        out.append(Entity("contact", m.start(), m.end(), {"kind": kind, "value": value}, f"contact.{kind}"))
        taken.append(m.span())
    return out
