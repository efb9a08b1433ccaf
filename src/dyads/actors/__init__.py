"""Actors: who the words of a sentence name (countries, governments, people, organisations, armed groups).

:class:`ActorDictionary` holds the shipped actor tables (Phoenix, capitals, dyads' own layer) and users' layers,
and finds the longest phrase at a token; :func:`split_code` reads a CAMEO code into country and actor type.
"""

from .codes import country_name, split_code
from .dictionary import ActorDictionary, Entry, Role, tokenize_phrase

__all__ = ["ActorDictionary", "Entry", "Role", "country_name", "split_code", "tokenize_phrase"]
