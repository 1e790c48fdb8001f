"""Build lianhuan_extract/data/common_chars.txt: the most frequent Chinese characters, both scripts.

Frequencies are summed over the words of jieba's dictionary (word frequency credited to each of
its characters); the traditional forms come from OpenCC s2t. Used only to choose between GB18030
and Big5 when bytes decode both ways. Run: python tools/build_common_chars.py
"""
import collections
import pathlib

import jieba
import opencc

TOP = 3000
freq = collections.Counter()
with jieba.get_dict_file() as raw:
    for line in raw:
        word, n, *_ = line.decode("utf-8").split()
        for ch in word:
            if "\u4e00" <= ch <= "\u9fff":
                freq[ch] += int(n)
simplified = "".join(c for c, _ in freq.most_common(TOP))
traditional = opencc.OpenCC("s2t").convert(simplified)
chars = "".join(sorted(set(simplified) | set(traditional)))
out = pathlib.Path(__file__).resolve().parent.parent / "lianhuan_extract" / "data" / "common_chars.txt"
out.write_text("\n".join(chars[i:i + 80] for i in range(0, len(chars), 80)) + "\n", encoding="utf-8")
print(f"{len(chars)} characters -> {out}")
