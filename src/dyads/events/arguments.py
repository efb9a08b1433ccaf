"""Find the source and target of a trigger in a dependency parse.

Subjects, objects, passives ("were attacked by"), prepositional targets ("strikes against", "aid to", "talks
with"), control ("urged Iran to attack" -> Iran attacks), coordination (one actor per conjunct) and nominal
events ("the US started military strikes against IS positions", "Israel's attack on Gaza").
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = [
    "agent_of",
    "conjuncts",
    "direct_object",
    "is_passive",
    "noun_source",
    "prep_object",
    "subject_of",
]

SUBJ = ("nsubj", "csubj")
PASSIVE_SUBJ = ("nsubjpass", "csubjpass")
OBJ = ("dobj", "obj")
#: nouns of speech acts whose clause speaks for whoever issued them ("issued a statement calling on ...")
SPEECH_NOUNS = frozenset({"statement", "communique", "declaration", "letter", "message", "appeal", "resolution",
                          "report", "note", "release", "announcement", "speech", "address", "tweet", "post"})
#: verbs whose object is the subject of their infinitive ("urged Iran to attack")
OBJECT_CONTROL = frozenset({"urge", "ask", "call", "press", "push", "encourage", "invite", "persuade", "order",
                            "force", "tell", "allow", "permit", "help", "implore", "appeal", "request", "command",
                            "instruct", "authorize", "authorise", "sanction", "beg", "exhort", "lead", "compel"})


def conjuncts(token: Token) -> list[Token]:
    """Return a token and the tokens coordinated with it ("Britain, France and Italy").

    A list the parser hangs as an apposition ("The US, Russia, and Switzerland") counts as coordination when its
    items are places of the same kind.
    """
    if token.dep_ == "conj":
        return [token]
    later = [c for c in token.conjuncts if c.i > token.i]
    starts = {c.left_edge.i for c in later}
    # "Fernandez and senior deputy governor Gabriel Singson": a title the parser splits off its name, with no
    # comma or "and" between them, is the same person, not another item of the list
    out = [token, *[c for c in later if c.right_edge.i + 1 not in starts]]
    if token.ent_type_ == "GPE":
        for child in token.children:
            if child.dep_ == "appos" and child.ent_type_ == "GPE":
                out += [child, *[c for c in child.conjuncts if c.i > child.i]]
    return out


def _acronym_aux(tok: Token) -> bool:
    """An all-capitals name the parser took for an auxiliary: "the IS captured" parsed as "is captured"."""
    return tok.dep_ in ("aux", "auxpass") and len(tok.text) >= 2 and tok.text.isupper() and tok.text.isalpha()


def is_passive(verb: Token) -> bool:
    """Whether a verb is passive ("were attacked")."""
    if any(_acronym_aux(c) for c in verb.children):
        return False
    return any(c.dep_ in PASSIVE_SUBJ or c.dep_ == "auxpass" for c in verb.children)


def agent_of(verb: Token) -> Token | None:
    """Return the noun of a passive's ``by`` phrase."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def direct_object(verb: Token) -> Token | None:
    """Return a verb's direct object (or a passive's subject, the logical object)."""
    deps = PASSIVE_SUBJ if is_passive(verb) else OBJ
    for child in verb.children:
        if child.dep_ in deps:
            return child
    if not is_passive(verb):
        for child in verb.children:
            if child.dep_ == "dative" and child.pos_ in ("NOUN", "PROPN"):
                return child
    return None


def prep_object(head: Token, preps: tuple[str, ...] | frozenset[str]) -> Token | None:
    """Return the object of the first child preposition of ``head`` in ``preps`` ("talks *with* Iran")."""
    for child in head.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    if grand.ent_type_ in ("DATE", "TIME") and not any(c.dep_ == "compound" for c in grand.children):
                        break  # "on Tuesday" is a date, not a target
                    return grand
                if grand.dep_ == "pcomp":  # "from within Syria"
                    for g2 in grand.children:
                        if g2.dep_ == "pobj":
                            return g2
        if child.dep_ == "prt" and child.lower_ in preps:  # "called on Iran" parsed as particle
            for sib in head.children:
                if sib.dep_ in OBJ:
                    return sib
    return None


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """Return the logical subject of a verb, following passives, control, coordination and relative clauses."""
    if depth > 6:
        return None
    if is_passive(verb):
        agent = agent_of(verb)
        if agent is not None:
            return agent
        # "67 people have been abducted": a passive without "by" names no actor; another clause's subject is not it
        return None
    else:
        for child in verb.children:
            if _acronym_aux(child):
                return child
        for child in verb.children:
            if child.dep_ in SUBJ:
                if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                    return verb.head
                return child
        if verb.dep_ == "acl" and verb.head.lemma_.lower() in SPEECH_NOUNS and verb.head.head.pos_ == "VERB":
            return subject_of(verb.head.head, depth + 1)  # "issued a statement calling on X": the issuer calls
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
    head = verb.head
    if head is verb:
        return None
    if verb.dep_ == "xcomp":
        if is_passive(head) and agent_of(head) is None:  # "Obama is scheduled to attend": Obama attends
            for child in head.children:
                if child.dep_ in PASSIVE_SUBJ:
                    return child
        if head.lemma_.lower() in OBJECT_CONTROL:
            obj = direct_object(head) or prep_object(head, ("on", "upon"))
            if obj is not None:
                return obj
        return subject_of(head, depth + 1)
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return subject_of(head, depth + 1)
    if verb.dep_ in ("acomp", "attr") and head.pos_ in ("VERB", "AUX"):  # "is willing to withdraw"
        return subject_of(head, depth + 1)
    if verb.dep_ in ("advcl", "pcomp") and head.pos_ in ("VERB", "AUX"):
        return subject_of(head, depth + 1)
    return None


def noun_source(noun: Token) -> Token | None:
    """Return the actor of a nominal event from its own phrase: "Israel's attack", "US strikes", "attacks by IS"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    mods = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("PROPN", "ADJ", "NOUN")]
    # "an earlier Iranian attack": a name or nationality word before the others
    named = [c for c in mods if c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "GPE", "ORG")]
    chosen = named or mods
    return chosen[0] if chosen else None
