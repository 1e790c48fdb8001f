"""Organizations: companies, institutions, associations, party and government bodies, media.

    names   the Mention type, the word lists and the abbreviation test shared by the others
    places  the gazetteer of place names (data/places.txt)
    find    one small rule per kind of name, on characters
    link    the names of one document that refer to the same organization
    rules   the extractor: non-overlapping mentions to entities with name and aliases
"""
from .rules import extract

__all__ = ["extract"]
