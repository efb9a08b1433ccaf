"""A faster stand-in for spaCy's ``attribute_ruler``, with the same rules and the same results.

The ruler of ``en_core_web_sm`` maps fine-grained tags to parts of speech and morphology and fixes a few words
("'s", "gonna"): 179 rules, nearly all about one token (its tag, its lower-case form, its dependency). spaCy runs
them through a general ``Matcher``, which costs about a seventh of the whole pipeline's time. Here the one-token
rules are indexed by tag and by word, so each token looks only at the rules that can apply to it; rules of more
than one token, or with a test the index does not know (a regular expression), stay with a ``Matcher`` of their
own. The matches are then applied as spaCy applies them: all of them found first, set in rule order, a later rule
winning (the attributes of a token's rules merged into one mapping first, which sets the same values). A token's
one-token matches depend only on its tag, word, dependency and whether it is a space, so they are remembered per
such combination. ``tests/nlp/test_attributes.py`` checks that both give every token the same annotations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

__all__ = ["FastAttributeRuler"]

_GETTERS: dict[str, Callable[[Token], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}


@dataclass(frozen=True, slots=True)
class _Rule:
    """One single-token alternative of a ruler pattern: (getter, allowed values, allowed?) tests."""

    attr_id: int
    tests: tuple[tuple[Callable[[Token], Any], frozenset[Any], bool], ...]

    def matches(self, token: Token) -> bool:
        return all((get(token) in values) is wanted for get, values, wanted in self.tests)


def _test(key: str, value: Any) -> tuple[Callable[[Token], Any], frozenset[Any], bool] | None:
    """A token test the index can run, or None (the pattern then stays with the Matcher)."""
    get = _GETTERS.get(key)
    if get is None:
        return None
    if isinstance(value, str | bool | int):
        return get, frozenset([value]), True
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list | tuple):
            return get, frozenset(arg), op == "IN"
    return None


class FastAttributeRuler:
    """Apply a loaded spaCy ``AttributeRuler``'s rules with an index instead of its Matcher.

    Args:
        ruler: the pipeline's ``attribute_ruler`` component (its rules, attributes and indices are used as they
            are; nothing in it is changed).

    Example:
        >>> from dyads.nlp import load_nlp
        >>> nlp = load_nlp()
        >>> fast = FastAttributeRuler(nlp.get_pipe("attribute_ruler"))
        >>> doc = nlp.get_pipe("tagger")(nlp.get_pipe("tok2vec")(nlp.make_doc("Iran condemned it.")))
        >>> [t.pos_ for t in fast(doc)]
        ['PROPN', 'VERB', 'PRON', 'PUNCT']
    """

    def __init__(self, ruler: Any) -> None:
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        self.vocab = ruler.vocab
        self.by_tag: dict[str, list[_Rule]] = {}
        self.by_lower: dict[str, list[_Rule]] = {}
        self.anywhere: list[_Rule] = []
        self.matcher = Matcher(ruler.vocab)
        self.matcher_rules = 0
        self._matched: dict[tuple[str, str, str, bool], tuple[int, ...]] = {}
        self._merges: dict[tuple[int, ...], dict[Any, Any] | None] = {}
        for attr_id, entry in enumerate(ruler.patterns):
            for alternative in entry["patterns"]:
                rule = self._rule(attr_id, alternative)
                if rule is None:
                    self.matcher.add(str(attr_id), [alternative])
                    self.matcher_rules += 1
                    continue
                self._index(rule, alternative[0])

    @staticmethod
    def _rule(attr_id: int, alternative: list[dict[str, Any]]) -> _Rule | None:
        if len(alternative) != 1:
            return None
        tests = []
        for key, value in alternative[0].items():
            test = _test(key, value)
            if test is None:
                return None
            tests.append(test)
        return _Rule(attr_id, tuple(tests))

    def _index(self, rule: _Rule, token_pattern: dict[str, Any]) -> None:
        for key, table in (("TAG", self.by_tag), ("LOWER", self.by_lower)):
            value = token_pattern.get(key)
            if isinstance(value, str):
                table.setdefault(value, []).append(rule)
                return
            if isinstance(value, dict) and list(value) == ["IN"]:
                for one in value["IN"]:
                    table.setdefault(one, []).append(rule)
                return
        self.anywhere.append(rule)

    def _single(self, token: Token) -> tuple[int, ...]:
        """The one-token rules that match a token, in rule order."""
        found: set[int] = set()
        for rules in (self.by_tag.get(token.tag_), self.by_lower.get(token.lower_), self.anywhere):
            if rules:
                found.update(rule.attr_id for rule in rules if rule.matches(token))
        return tuple(sorted(found))

    def _merged(self, ids: tuple[int, ...]) -> dict[Any, Any] | None:
        """The attributes of several rules as one mapping, later rules winning (what setting them one after
        the other gives, since each attribute is set on its own); None when a rule sets extension attributes."""
        if ids not in self._merges:
            if any("_" in self.attrs[i] for i in ids):
                self._merges[ids] = None
            else:
                merged: dict[Any, Any] = {}
                for i in ids:
                    merged.update(self.attrs[i])
                self._merges[ids] = merged
        return self._merges[ids]

    def __call__(self, doc: Doc) -> Doc:
        """Set the rules' attributes on a tagged (and parsed) Doc, as the ruler would."""
        extra: dict[int, set[int]] = {}
        if self.matcher_rules:
            for match_id, start, end in self.matcher(doc, allow_missing=True, as_spans=False):  # type: ignore[misc]
                attr_id = int(self.vocab.strings[match_id])
                extra.setdefault(doc[start:end][self.indices[attr_id]].i, set()).add(attr_id)
        if len(self._matched) > 500_000:
            self._matched.clear()
        found: list[tuple[Token, tuple[int, ...]]] = []
        for token in doc:  # every match first, then the attributes, as the ruler does
            # one-token rules read only these four attributes, so their matches are the same for the same four
            key = (token.tag_, token.lower_, token.dep_, token.is_space)
            ids = self._matched.get(key)
            if ids is None:
                ids = self._matched[key] = self._single(token)
            more = extra.get(token.i)
            if more:
                ids = tuple(sorted(set(ids) | more))
            if ids:
                found.append((token, ids))
        for token, ids in found:
            merged = self._merged(ids)
            if merged is not None:
                set_token_attrs(token, merged)
            else:
                for i in ids:  # rule order: a later rule overrides an earlier one
                    set_token_attrs(token, self.attrs[i])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:  # noqa: ARG002
        """Apply to a stream of Docs (``batch_size`` is accepted for the pipeline's sake)."""
        for doc in docs:
            yield self(doc)
