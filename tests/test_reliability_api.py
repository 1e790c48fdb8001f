"""The library's side of reliability: offsets index the string the caller passed, BOM or not; the
jieba cache is never read from a folder another user owns or can write."""
from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path


from lianhuan_extract import extract

ROOT = Path(__file__).resolve().parents[1]


def spans(record: dict) -> list[tuple[str, int, int]]:
    return [(e["text"], e["start"], e["end"]) for e in record["entities"]]


def test_a_leading_bom_is_counted_in_the_offsets():
    record = extract("\ufeff5亿元")
    assert spans(record) == [("5亿元", 1, 4)]
    assert record["meta"]["chars"] == 4
    assert spans(extract("5亿元")) == [("5亿元", 0, 3)]


def test_a_bom_alone_and_a_bom_inside_the_text():
    assert extract("\ufeff")["entities"] == []
    # only a leading BOM is an edit; one inside the text is a character like any other
    record = extract("\ufeff电话:010-62345678\ufeff")
    assert [(e["text"], e["start"], e["end"]) for e in record["entities"] if e["type"] == "contact"] == [
        ("010-62345678", 4, 16)]


def test_every_entity_text_is_the_original_slice_after_a_bom():
    text = "\ufeff聯環集團2024年營業收入5億元,電話0514-89993100。"
    record = extract(text)
    assert record["entities"], "nothing found"
    for e in record["entities"]:
        assert text[e["start"]:e["end"]] == e["text"]
        assert e["start"] >= 1


# -- the jieba cache --------------------------------------------------------------------------------

PROBE = """
import json, os, sys
if len(sys.argv) > 1:
    real = os.getuid()
    os.getuid = lambda: real + int(sys.argv[1])  # run as if another user
from lianhuan_extract.segmenter import segment
tk = segment.tokenizer()
print(json.dumps({"dir": tk.tmp_dir, "planted": "植入的词" in tk.FREQ, "words": len(tk.FREQ)}))
"""


def _plant(folder: Path) -> Path:
    """A dictionary cache someone else put there: one word only."""
    import jieba

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"jieba-{jieba.__version__}.tagged.cache"
    path.write_bytes(marshal.dumps(({"植入的词": 1}, 1, {"植入的词": "n"})))
    return path


def _probe(tmp_path: Path, *args: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path / "tmp"),
           "LIANHUAN_CACHE_DIR": os.path.join(os.devnull, "unusable")}  # the user's cache cannot be made
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


def test_a_cache_folder_anyone_can_write_is_not_read(tmp_path):
    folder = tmp_path / "tmp" / f"lianhuan-extract-{os.getuid()}"
    planted = _plant(folder)
    os.chmod(folder, 0o777)
    got = _probe(tmp_path)
    assert got["planted"] is False and got["words"] > 100000
    assert got["dir"] == os.path.join(os.devnull, "lianhuan-extract-no-cache")
    assert sorted(p.name for p in folder.iterdir()) == [planted.name]  # nothing written there either
    assert sorted(p.name for p in (tmp_path / "tmp").iterdir()) == [folder.name]  # the scratch folder went


def test_a_cache_folder_another_user_owns_is_not_read(tmp_path):
    # the folder is ours, read by a process that believes it is the next user
    folder = tmp_path / "tmp" / f"lianhuan-extract-{os.getuid() + 1}"
    _plant(folder)
    os.chmod(folder, 0o700)
    got = _probe(tmp_path, "1")
    assert got["planted"] is False and got["words"] > 100000


def test_our_own_private_cache_folder_is_used(tmp_path):
    folder = tmp_path / "tmp" / f"lianhuan-extract-{os.getuid()}"
    _plant(folder)
    os.chmod(folder, 0o700)
    got = _probe(tmp_path)
    # trusted, so the cache is what it says: here the planted one, since we planted it ourselves
    assert (got["dir"], got["planted"], got["words"]) == (str(folder), True, 1)
