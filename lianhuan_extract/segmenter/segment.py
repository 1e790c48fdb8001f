"""Word segmentation with a private, lazily loaded jieba tokenizer.

jieba's module-level tokenizer logs to stderr on first use and shares one cache file in the
system temp folder, which breaks for several users and on read-only systems. We load our own
`jieba.Tokenizer` once per process, quietly, with its cache in the user's cache directory (or a
folder of the user's in the temp folder). A cache is read only from a folder this user owns and
no other user can write: otherwise no cache is read at all (the dictionary is built afresh).

Segmentation is for metric phrases and name boundaries only: numbers, dates and contacts are
matched on characters, never on jieba tokens.
"""
from __future__ import annotations

import functools
import logging
import marshal
import os
import tempfile
import threading
from pathlib import Path
from typing import Iterable

_lock = threading.Lock()
_tokenizer = None
_pos_tokenizer = None
_cached_tags = None  # the word -> tag table when it came with the dictionary from our cache


# a folder that cannot exist (a path under a device): caches there are never found nor written
NO_CACHE = os.path.join(os.devnull, "lianhuan-extract-no-cache")


def cache_dir() -> Path:
    """Where jieba's dictionary cache lives: $LIANHUAN_CACHE_DIR, else the user's cache folder."""
    explicit = os.environ.get("LIANHUAN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "lianhuan-extract"


def _private_temp_dir() -> Path:
    """A folder of this user's in the temp folder, for when the home folder is read-only."""
    uid = os.getuid() if hasattr(os, "getuid") else os.getlogin()
    return Path(tempfile.gettempdir()) / f"lianhuan-extract-{uid}"


def _writable(directory: Path) -> bool:
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _trusted(directory):
            return False
        with tempfile.NamedTemporaryFile(dir=directory):
            pass
        return True
    except OSError:
        return False


def _trusted(directory: Path) -> bool:
    """Whether a cache in `directory` can be believed: the folder is this user's, and no other user
    can write to it. A dictionary planted by someone else (in the shared temp folder, say) would
    otherwise be loaded, and marshal data is code-adjacent."""
    if not hasattr(os, "getuid"):  # no POSIX owners (Windows): the user's own profile folder
        return True
    try:
        info = os.stat(directory)
    except OSError:
        return False
    import stat

    return (stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
            and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def tokenizer():
    """The process's jieba tokenizer, loaded on first use."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                # jieba logs its loading on stderr, and an unwritable cache as an error: neither
                # is the user's business
                jieba.setLogLevel(logging.CRITICAL + 1)
                tk = jieba.Tokenizer()
                scratch = None
                for directory in (cache_dir(), _private_temp_dir()):
                    if _writable(directory):
                        tk.tmp_dir = str(directory)
                        break
                else:
                    # no folder of ours to trust: no cache is read; jieba builds the dictionary
                    # and saves it into a fresh private folder, removed once it is loaded
                    try:
                        scratch = tempfile.mkdtemp(prefix="lianhuan-extract-")
                    except OSError:
                        scratch = None
                    tk.tmp_dir = scratch or NO_CACHE
                tk.cache_file = f"jieba-{getattr(jieba, '__version__', '0')}.cache"
                if scratch is not None or not _load_cached_dictionary(tk):
                    tk.initialize()  # builds the dictionary and writes the cache
                if scratch is not None:
                    import shutil

                    shutil.rmtree(scratch, ignore_errors=True)
                    tk.tmp_dir = NO_CACHE  # the other caches are neither read nor written
                _tokenizer = tk
    return _tokenizer


def _read_marshalled(path: str):
    """The object marshalled in `path`, or None when it is missing or unreadable.

    The file's bytes are read at once and unmarshalled from memory: `marshal.load` on an open
    file, which jieba uses, reads it piece by piece and takes about five times as long (1.1 s
    against 0.25 s for jieba's 9 MB dictionary cache), the largest part of a cold start.
    """
    try:
        with open(path, "rb") as handle:
            return marshal.loads(handle.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _write_marshalled(path: str, value) -> None:
    """Write through a temporary file renamed into place; a cache that cannot be written is skipped."""
    temporary = None
    try:
        fd, temporary = tempfile.mkstemp(dir=os.path.dirname(path))
        with os.fdopen(fd, "wb") as handle:
            marshal.dump(value, handle)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def _tagged_cache_path(tk) -> str:
    """The cache of the dictionary together with its word -> tag table, beside jieba's cache."""
    return os.path.join(tk.tmp_dir, tk.cache_file[: -len(".cache")] + ".tagged.cache")


def _load_cached_dictionary(tk) -> bool:
    """What `tk.initialize()` does when its cache exists, faster; False when there is no usable cache.

    Only for jieba's default dictionary, whose cache jieba itself trusts without a date check.
    Our cache of (dictionary, total, tags) is read first: unmarshalled together, the tag table's
    words are the dictionary's own strings, which takes 0.3 s against 0.45 s for the two caches
    apart. The tags wait in `_cached_tags` for the part-of-speech tokenizer.
    """
    import jieba

    global _cached_tags
    if tk.dictionary != jieba.DEFAULT_DICT:
        return False
    tagged = _read_marshalled(_tagged_cache_path(tk))
    if (isinstance(tagged, tuple) and len(tagged) == 3 and isinstance(tagged[0], dict) and tagged[0]
            and isinstance(tagged[1], int) and isinstance(tagged[2], dict) and tagged[2]):
        freq, total, _cached_tags = tagged
    else:
        cached = _read_marshalled(os.path.join(tk.tmp_dir, tk.cache_file))
        if not (isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[0], dict)
                and isinstance(cached[1], int) and cached[0]):
            return False
        freq, total = cached
    with tk.lock:
        tk.FREQ, tk.total = freq, total
        tk.initialized = True
    return True


def pos_tokenizer():
    """A part-of-speech tokenizer sharing the private dictionary."""
    global _pos_tokenizer
    if _pos_tokenizer is None:
        words = tokenizer()
        with _lock:
            if _pos_tokenizer is None:
                _pos_tokenizer = _new_pos_tokenizer(words)
    return _pos_tokenizer


def _new_pos_tokenizer(words):
    """A `posseg.POSCutter` over `words`, its tables read from our caches when they exist.

    Neither table comes from importing `jieba.posseg`, whose module-level POSTokenizer parses
    jieba's whole dictionary text (0.3 s of a 1 s cold start). The word -> tag table is parsed
    from the dictionary once and cached with the dictionary (see `_load_cached_dictionary`); the
    HMM tables are taken from `jieba.posseg` once and cached the same way. The cache names carry
    jieba's version, like the dictionary cache's.
    """
    import jieba

    from .posseg import POSCutter, hmm_tables_from_jieba, word_tags_from_dictionary

    global _cached_tags
    tags, _cached_tags = _cached_tags, None
    if not (isinstance(tags, dict) and tags):
        tags = word_tags_from_dictionary(words.get_dict_file())
        if words.dictionary == jieba.DEFAULT_DICT:
            # the tag table's words as the dictionary's own strings, so one unmarshals both
            own = {word: word for word in words.FREQ}
            _write_marshalled(_tagged_cache_path(words),
                              (words.FREQ, words.total, {own.get(w, w): t for w, t in tags.items()}))
    stem = os.path.join(words.tmp_dir, words.cache_file[: -len(".cache")])
    tables = _read_marshalled(stem + ".posseg.cache")
    if not (isinstance(tables, tuple) and len(tables) == 4 and all(isinstance(t, dict) and t for t in tables)):
        tables = hmm_tables_from_jieba()
        _write_marshalled(stem + ".posseg.cache", tables)
    return POSCutter(words, tags, tables)


class UserWordIndex:
    """A document's user words (the names its extractors found) as a set, with their lengths longest
    first and their first characters: a clause is matched against them position by position, at a
    cost that does not grow with how many names the document has (an alternation of the words
    tries each one at each position; so did `any(w in clause ...)`)."""

    __slots__ = ("words", "lengths", "firsts", "has_empty")

    def __init__(self, user_words: Iterable[str]):
        user_words = list(user_words)
        self.has_empty = "" in user_words
        self.words = frozenset(w for w in user_words if w)
        self.lengths = sorted({len(w) for w in self.words}, reverse=True)
        self.firsts = frozenset(w[0] for w in self.words)

    def longest_at(self, text: str, i: int) -> int:
        """Length of the longest word starting at text[i], 0 if none."""
        if text[i] in self.firsts:
            room = len(text) - i
            for size in self.lengths:
                if size <= room and text[i:i + size] in self.words:
                    return size
        return 0

    def occurs_in(self, text: str) -> bool:
        """Whether any of the words (an empty one included) occurs in `text`."""
        return self.has_empty or any(self.longest_at(text, i) for i in range(len(text)))


# the user words last asked about (object, length) and their index: the targets ask with the same
# list for each clause of a document, which is then indexed once, not once a clause
_LAST_INDEX: list = [None, -1, None]


def user_word_index(user_words: Iterable[str]) -> UserWordIndex:
    if isinstance(user_words, UserWordIndex):
        return user_words
    if user_words is _LAST_INDEX[0] and isinstance(user_words, (list, tuple)) and len(user_words) == _LAST_INDEX[1]:
        return _LAST_INDEX[2]
    index = UserWordIndex(user_words)
    if isinstance(user_words, (list, tuple)):
        _LAST_INDEX[:] = [user_words, len(user_words), index]
    return index


def has_user_word(text: str, user_words: Iterable[str]) -> bool:
    """`any(w in text for w in user_words)`, at a cost that does not grow with the words."""
    return user_word_index(user_words).occurs_in(text)


def _protected_pieces(text: str, user_words: Iterable[str]):
    """Split `text` into (piece, start, is_user_word), longest user words first: at each position
    from the left the longest word that starts there, as an alternation of the words would."""
    index = user_word_index(user_words)
    if not index.words:
        yield text, 0, False
        return
    pos = i = 0
    while i < len(text):
        size = index.longest_at(text, i)
        if not size:
            i += 1
            continue
        if i > pos:
            yield text[pos:i], pos, False
        yield text[i:i + size], i, True
        pos = i = i + size
    if pos < len(text):
        yield text[pos:], pos, False


def cut_with_offsets(text: str, user_words: Iterable[tuple] = ()) -> list[tuple[str, int, int]]:
    """jieba words of `text` as (word, start, end); user words are kept whole."""
    tk = tokenizer()
    out: list[tuple[str, int, int]] = []
    for piece, base, whole in _protected_pieces(text, [w[0] for w in user_words]):
        if whole:
            out.append((piece, base, base + len(piece)))
            continue
        for word, s, e in tk.tokenize(piece):
            out.append((word, base + s, base + e))
    return out


def pos_cut(text: str, user_words: Iterable[str] = ()) -> list[tuple[str, str, int, int]]:
    """(word, part of speech, start, end) for a short piece of text such as one clause."""
    pt = pos_tokenizer()
    out: list[tuple[str, str, int, int]] = []
    for piece, base, whole in _protected_pieces(text, user_words):
        if whole:
            out.append((piece, "nz", base, base + len(piece)))
            continue
        pos = base
        for word, flag in pt.cut(piece):
            out.append((word, flag, pos, pos + len(word)))
            pos += len(word)
    return out
