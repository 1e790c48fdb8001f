"""`-f html`: marks in the text, nesting, escaping, and the page in a real browser (headless Chromium).

CI installs Debian's chromium and fonts-noto-cjk (.ci/run); without them the browser tests fail
with a message that says so rather than being skipped.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from conftest import SAMPLES, run_module
from lianhuan_extract.cli.html import SCRIPT, _marked_text

HOSTILE = ("<script>document.documentElement.setAttribute('data-pwned','script')</script>\n"
           "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">\n"
           "</mark></div></section>\"'&amp; 研发投入预计超过3亿元,电话:0514-89993100。\n")


def _marks(text: str, entities: list[dict]) -> str:
    return re.sub(r"<mark [^>]*data-e=\"(d0-e\d+)\"[^>]*>", r"<\1>", _marked_text(text, entities, "d0"))


def test_a_target_holds_its_quantity_as_a_nested_mark():
    text = "研发投入超过3亿元。"
    entities = [{"type": "target", "start": 0, "end": 9}, {"type": "quantity", "start": 4, "end": 9}]
    assert _marks(text, entities) == "<d0-e0>研发投入<d0-e1>超过3亿元</mark></mark>。"


def test_a_span_that_crosses_another_is_cut_into_pieces_sharing_its_id():
    entities = [{"type": "org", "start": 0, "end": 4}, {"type": "person", "start": 2, "end": 6}]
    assert _marks("abcdefg", entities) == "<d0-e0>ab<d0-e1>cd</mark></mark><d0-e1>ef</mark>g"
    rendered = _marked_text("abcdefg", entities, "d0")
    assert rendered.count('id="d0-e1"') == 1  # the anchor is on the first piece only


def test_same_span_puts_the_target_outside_and_offsets_out_of_range_are_ignored():
    entities = [{"type": "quantity", "start": 0, "end": 2}, {"type": "target", "start": 0, "end": 2},
                {"type": "date", "start": 5, "end": 99}]
    assert _marks("3亿元", entities) == "<d0-e1><d0-e0>3亿</mark></mark>元"


def test_text_and_fields_are_escaped():
    entities = [{"type": "org", "start": 0, "end": 3, "name": "<b>\"x\"</b>"}]
    rendered = _marked_text("<a>&b", entities, "d0")
    assert "<a>" not in rendered
    assert rendered.endswith('>&lt;a&gt;</mark>&amp;b')
    fields = re.search(r'data-fields="([^"]*)"', rendered).group(1)
    assert json.loads(html.unescape(fields))["name"] == "<b>\"x\"</b>"


def _page(*paths: str) -> str:
    done = run_module("-q", "-f", "html", *paths)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode("utf-8")


def test_the_page_allows_only_its_own_script_by_hash(tmp_path):
    page = _page(str(SAMPLES / "lianhuan-2024.txt"))
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page
    assert "http://" not in page and "https://" not in page  # nothing fetched from the network
    assert page.count("<script>") == 1


class _Collector(HTMLParser):
    """Marks by entity id, sections, and the text of the page (scripts and styles left out)."""

    def __init__(self):
        super().__init__()
        self.marks: dict[str, int] = {}
        self.sections = 0
        self.root: dict[str, str] = {}
        self.text: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.root = attrs
        if tag == "mark" and "data-e" in attrs:
            self.marks[attrs["data-e"]] = self.marks.get(attrs["data-e"], 0) + 1
        if tag == "section":
            self.sections += 1
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    pytest.fail("headless Chromium is needed for the html tests: apt-get install chromium fonts-noto-cjk "
                "(.ci/run does it)")


def _browser(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--no-first-run", "--disable-extensions", *args], capture_output=True, timeout=120)


def _dom(path) -> _Collector:
    done = _browser("--dump-dom", path.as_uri())
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    collector = _Collector()
    collector.feed(done.stdout.decode("utf-8"))
    return collector


def test_every_entity_of_the_samples_has_its_mark_in_the_browser(tmp_path):
    record = json.loads(run_module("-q", str(SAMPLES / "lianhuan-2024.txt")).stdout)
    page = tmp_path / "page.html"
    page.write_text(_page(str(SAMPLES / "lianhuan-2024.txt")), encoding="utf-8")
    dom = _dom(page)
    assert dom.root.get("data-ready") == "1"  # the page's own script ran under its policy
    assert sorted(dom.marks) == sorted(f"d0-e{i}" for i in range(len(record["entities"])))
    text = (SAMPLES / "lianhuan-2024.txt").read_text("utf-8")
    assert text in "".join(dom.text)  # the whole original text, in order, nothing added inside it


def test_script_in_a_document_is_shown_as_text_and_never_runs(tmp_path):
    source = tmp_path / "<img src=x onerror=alert(1)>.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    other = tmp_path / "plain.txt"
    other.write_text("计划投资5亿元。", encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(_page(str(source), str(other)), encoding="utf-8")
    dom = _dom(page)
    assert "data-pwned" not in dom.root
    assert dom.root.get("data-ready") == "1"
    assert dom.sections == 2  # one section a document
    shown = "".join(dom.text)
    assert "<script>document.documentElement" in shown and "onerror=" in shown
    assert str(source) in shown


def test_screenshot_renders_with_a_cjk_font(tmp_path):
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    assert fonts.stdout.strip(), "no font covers Chinese: apt-get install fonts-noto-cjk"
    page = tmp_path / "page.html"
    page.write_text(_page(str(SAMPLES / "lianhuan-2024.txt")), encoding="utf-8")
    shot = tmp_path / "page.png"
    done = _browser("--window-size=1200,900", f"--screenshot={shot}", page.as_uri())
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
