"""People: names anchored by the structures that carry them, then every later mention of the same name.

jieba tags names unreliably (夏春来 comes out as a time word), so a name is found from its anchor:
a title before it (市委副书记、市长陈平), a title after it (农业处吴秋兰处长), a byline (记者 孟雪
张浩然), a list after 领导 or before a verb of attendance (县领导甲、乙、丙参加), a role noun
(村民陈某), a contact label (联系人:方晓东) or a signature line ((刘某)).

    lexicon  the word lists (data/titles.toml, data/surnames.toml) and their patterns
    names    where a name starts and ends: surname table, followers, jieba as a hint
    chain    the titles of one person, joined by 、 兼 暨 across the organizations between them
    anchors  one small rule per structure
    rules    the extractor: every mention of each name, one entity per span
"""
from .rules import extract

__all__ = ["extract"]
