"""How the text presents an act: negated, future, hypothetical, reported (and by whom), hedged."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

__all__ = ["ModalityFlags", "modality_of"]

SAY = frozenset({"say", "tell", "state", "announce", "claim", "report", "add", "insist", "confirm", "quote",
                 "write", "note", "declare", "stress", "explain", "reveal", "disclose", "assert", "acknowledge",
                 "admit", "argue", "maintain", "suggest", "indicate", "allege", "believe", "think", "warn"})
PLAN = frozenset({"plan", "intend", "prepare", "aim", "seek", "hope", "want", "expect", "try", "attempt", "mean",
                  "schedule",
                  "wish", "consider", "weigh", "contemplate", "propose", "agree", "pledge", "promise", "vow",
                  "offer", "decide", "threaten", "vote"})
HEDGES = frozenset({"reportedly", "allegedly", "apparently", "purportedly", "supposedly", "possibly", "perhaps",
                    "maybe", "unconfirmed", "rumoured", "rumored", "seemingly", "likely", "probably"})
#: modals of possibility, ability and obligation: the act is not said to happen ("may be forced to", "should")
UNREAL_MODALS = frozenset({"may", "might", "could", "should", "must", "ought", "can", "ca", "need"})
#: verbs whose infinitive or clause is only wished, tried, weighed or suggested, not done or committed to
UNREAL_HEADS = frozenset({"appear", "seem", "design",
                          "want", "wish", "hope", "seek", "try", "attempt", "aim", "consider", "weigh",
                          "contemplate", "expect", "like", "prefer", "mean", "need", "have", "ought", "suggest",
                          "propose", "recommend", "advocate", "favour", "favor", "study", "explore", "discuss",
                          "debate", "urge", "call", "ask", "demand", "press", "push", "encourage", "appeal",
                          "challenge", "order", "instruct", "invite", "pressure", "beg"})
#: nouns whose "of" phrase names an act that may happen, not one that did
UNREAL_NOUNS = frozenset({"risk", "threat", "possibility", "fear", "danger", "event", "prospect", "likelihood",
                          "chance", "expectation", "speculation", "rumour", "rumor", "spectre", "specter", "hope",
                          "idea", "plan", "option"})
#: modals that prescribe rather than predict
PRESCRIBING = frozenset({"should", "must", "ought", "need"})
#: nouns of asking whose clause is only asked for ("demands that he resign", "a call for Iran to withdraw")
DEMAND_NOUNS = frozenset({"demand", "call", "request", "appeal", "plea", "proposal", "order", "pressure", "bid",
                          "ultimatum", "recommendation", "suggestion", "invitation", "offer"})
#: nouns of what is said to have happened ("denied reports that ...")
CLAIMS = frozenset({"report", "claim", "allegation", "suggestion", "rumour", "rumor", "charge", "accusation",
                    "speculation", "story"})
#: what a claim is called when it is dismissed ("the reports were baseless", "misleading propaganda")
DISMISSALS = frozenset({"baseless", "untrue", "false", "unfounded", "propaganda", "lie", "nonsense", "groundless",
                        "fabrication", "rubbish", "wrong", "inaccurate", "speculation"})
#: verbs that deny the act they embed
DENIALS = frozenset({"deny", "refute", "reject"})
#: adjectives that make their clause a prescription ("it is essential that", "it is time to")
PRESCRIPTIVE = frozenset({"essential", "important", "vital", "necessary", "crucial", "imperative", "right", "wrong",
                          "time", "better", "best", "possible", "impossible", "likely", "unlikely", "able",
                          "unable", "ready", "willing", "prepared", "keen", "eager", "determined", "free", "due",
                          # evaluations of an act not done: "it would be foolish for Japan to retaliate"
                          "foolish", "wise", "unwise", "sensible", "reasonable", "unreasonable", "dangerous",
                          "risky", "premature", "difficult", "hard", "easy", "fair", "unfair", "pointless"})
#: of those, the ones that state a commitment ("is ready to send troops"): coded as a promise, not unreal
WILLING = frozenset({"ready", "willing", "prepared", "determined", "due", "set", "scheduled"})
VAGUE_SOURCES = frozenset({"source", "official", "report", "witness", "resident", "media", "diplomat", "people",
                           "activist", "observer", "analyst"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
#: words that open a clause saying when its head happens
TIME_MARKS = frozenset({"when", "after", "before", "once", "while", "until", "whenever"})
#: verbs that take a planned event off the calendar ("called off a demonstration planned for Saturday")
CANCELLERS = frozenset({"cancel", "call", "postpone", "scrap", "abandon", "delay", "suspend", "halt", "end", "stop"})
#: participles that put an event noun on the calendar: "talks scheduled for Friday", "the planned visit"
SCHEDULING = frozenset({"schedule", "plan", "slate", "set", "due", "expect", "arrange", "upcoming", "forthcoming"})


@dataclass(frozen=True, slots=True)
class ModalityFlags:
    """Modality of one event before actors are attached (``speaker`` is the token heading the attribution)."""

    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    reported: bool = False
    hedged: bool = False
    speaker: Token | None = None
    conditional: bool = False  # the act's own clause carries an "if" / "unless" condition
    willing: bool = False  # stated willingness: "is ready to", "is prepared to"
    unless: bool = False  # the condition is "unless": "will withdraw unless X holds elections" is a threat
    prescribed: bool = False  # "should", "must", "need to": what someone ought to do, even under a condition
    in_condition: bool = False  # the act is itself the condition ("if the US imposes tariffs"), not conditioned


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("neg", "advmod", "det")
               for c in tok.children)


def _speaker(say: Token) -> Token | None:
    if say.dep_ == "pcomp" and say.head.lower_ == "as" and say.head.head.pos_ in ("NOUN", "PROPN"):
        return say.head.head  # "quoted sources in Tehran as saying": the sources speak
    for child in say.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    for child in say.children:  # "according to X" / passive "was quoted by X"
        if child.dep_ == "agent":
            for g in child.children:
                if g.dep_ == "pobj":
                    return g
    if say.dep_ in ("advcl", "pcomp", "xcomp", "acl") and say.head is not say:  # "quoted sources as saying"
        head = say.head
        for child in head.children:
            if child.dep_ == "dobj":
                return child
        return _speaker(head)
    return None


#: head verbs the rules above look for, to repair the lemmatizer's slips against
KNOWN = UNREAL_HEADS | PLAN | SAY | DENIALS | PRESCRIPTIVE | frozenset({"fail"})


def _lemma(tok: Token) -> str:
    """A token's lemma, repaired where the lemmatizer cuts a verb short ("hopes" -> "hop")."""
    lem = tok.lemma_.lower()
    if lem not in KNOWN and lem + "e" in KNOWN and tok.lower_.startswith(lem + "e"):
        return lem + "e"
    return lem


def modality_of(trigger: Token, word: Token | None = None) -> ModalityFlags:
    """Read the modality of the act whose main word is ``trigger`` from its clause and the clauses above it;
    ``word`` is the trigger word itself when it differs (a noun: "have had *no* ties")."""
    negated = _negated(trigger) or (word is not None and word is not trigger and _negated(word)) or any(
        c.dep_ in ("nsubj", "nsubjpass") and any(g.lower_ == "neither" for g in c.children)
        for c in trigger.children)  # "neither Sarney nor Funaro accepted the proposals"
    future = hypothetical = reported = hedged = False
    speaker: Token | None = None
    sent = trigger.sent
    if word is not None and word.pos_ in ("NOUN", "PROPN") and word.dep_ == "pobj" and word.head.lower_ == "of" \
            and word.head.head.lemma_.lower() in UNREAL_NOUNS:
        hypothetical = True  # "the risk of Iranian attack", "in the event of a US strike"
    for tok in sent:
        if tok.lower_ in HEDGES:
            hedged = True
        if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
            reported = True
            for c in tok.children:
                for g in c.children:
                    if g.dep_ == "pobj" and speaker is None:
                        speaker = g
    nouns = [word] if word is not None and word.pos_ == "NOUN" else []
    if nouns and word is not None and word.dep_ == "pobj" and word.head.lower_ == "of" \
            and word.head.head.pos_ == "NOUN":
        nouns.append(word.head.head)  # "two rounds of talks, scheduled for Thursday"
    if word is not None and word.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("any", "every")
                                                        for c in word.children):
        hypothetical = True  # "any U.S. aggression against Iran will be met": no act in particular
    cancelled = bool(nouns) and nouns[0].head.lemma_.lower() in CANCELLERS
    if not cancelled and any(c.dep_ in ("acl", "amod") and c.lemma_.lower() in SCHEDULING
                             and (c.dep_ == "amod" or c.tag_ == "VBN") for noun in nouns for c in noun.children):
        future = True  # "talks scheduled for Thursday", "the planned visit": not held yet
    if sent.text.rstrip().rstrip('"\u201d\u2019\'').endswith("?"):
        hypothetical = True  # a question asks whether something happens; it does not say it did
    conditional = willing = unless = prescribed = in_condition = False
    would = False
    node = trigger
    via = ""  # the relation by which the walk came up to ``node``
    steps = 0
    while steps < 8:
        steps += 1
        for child in node.children:
            if child.dep_ == "advmod" and child.lower_ == "hopefully":
                hypothetical = True  # "hopefully the members will support him": a wish
            if child.dep_ in ("aux", "auxpass"):
                low = child.lower_
                if low in FUTURE_AUX or (low == "going" and any(c.lower_ == "to" for c in node.children)):
                    future = True
                elif low == "would":
                    would = True
                elif low in UNREAL_MODALS:
                    hypothetical = True
                    prescribed = prescribed or low in PRESCRIBING
            if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in child.children):
                conditional = True  # "will retaliate if attacked": the act itself is conditional
                unless = unless or any(g.dep_ == "mark" and g.lower_ == "unless" for g in child.children)
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether") and node.dep_ in ("advcl", "ccomp"):
                hypothetical = in_condition = True
        if node.dep_ in ("advcl", "acl", "relcl") and node.tag_ == "VB" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            hypothetical = True  # a purpose clause: "a scheme to fight crime", "sent troops to protect"
        if node is not trigger and node.lemma_.lower() in PLAN and node.pos_ in ("VERB", "AUX"):
            future = True
            # "did not want to end it" negates the wanted act, not a verb joined to it ("... and would drop")
            negated = negated or (_negated(node) and via != "conj")
        head = node.head
        if head is node:
            break
        lemma = _lemma(head)
        if (node.dep_ in ("xcomp", "ccomp") and lemma in UNREAL_HEADS or node.dep_ == "xcomp" and lemma == "tell") \
                and head.pos_ in ("VERB", "AUX"):
            hypothetical = True  # "wants to attack", "urged Iran to withdraw": the withdrawal is only asked for
        if node.dep_ in ("xcomp", "ccomp", "pcomp") and lemma in DENIALS and head.pos_ == "VERB":
            negated = True  # "denied accusing Germany": the act is what is denied
        if node.dep_ == "xcomp" and head.lemma_.lower() == "be" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            future = True  # "Straw is to visit Thailand", "is to step down": scheduled
        if node.dep_ in ("acl", "ccomp") and head.pos_ == "NOUN" and head.lemma_.lower() in CLAIMS \
                and head.head.pos_ == "VERB" and _lemma(head.head) in DENIALS:
            negated = True  # "Iran denied reports that it would attack ships": what is denied
        if node.dep_ in ("acl", "ccomp") and head.pos_ == "NOUN" and head.lemma_.lower() in CLAIMS \
                and head.dep_ in ("nsubj", "nsubjpass") and any(
                    c.lemma_.lower() in DISMISSALS for c in head.doc[head.right_edge.i + 1:head.sent.end]):
            negated = True  # "reports that Iran intended to attack ships were baseless": what is dismissed
        if node.dep_ in ("acl", "ccomp", "relcl") and head.pos_ == "NOUN" and head.lemma_.lower() in DEMAND_NOUNS \
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children):
            hypothetical = True  # "shrugged off demands that he resign": what is asked, not done
        if node.dep_ in ("acl", "ccomp") and head.pos_ == "NOUN" and head.lemma_.lower() in UNREAL_NOUNS:
            hypothetical = True  # "chances that the board will agree ... look remote": what may happen
        if node.dep_ == "csubj" and node.tag_ == "VBG":
            hypothetical = True  # "Detaining suspects without trial breaks the law": a kind of act, not one act
        if node.dep_ == "xcomp" and lemma == "fail" and head.pos_ == "VERB":
            negated = True  # "failed to build a coalition": it did not happen
        if node.dep_ in ("xcomp", "ccomp", "csubj") and (
                lemma in PRESCRIPTIVE or any(c.dep_ == "acomp" and c.lemma_.lower() in PRESCRIPTIVE
                                             for c in head.children)):
            adjective = lemma if lemma in PRESCRIPTIVE else next(
                c.lemma_.lower() for c in head.children if c.dep_ == "acomp" and c.lemma_.lower() in PRESCRIPTIVE)
            if adjective in WILLING:
                willing = future = True
                holder = head
                if _negated(holder) or holder.dep_ == "acomp" and _negated(holder.head):
                    negated = True  # "is not prepared to negotiate": unwillingness, a refusal
            else:
                hypothetical = True
        timed = node.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in TIME_MARKS
                                             for c in node.children)
        if node.dep_ in ("ccomp", "advcl", "xcomp", "parataxis", "conj") and lemma in SAY and head.pos_ == "VERB" \
                and not timed:  # "will explain the plan when he visits": the visit is when, not what is said
            reported = True
            who = _speaker(head)
            if who is not None and speaker is None:
                speaker = who
            if who is not None and who.lemma_.lower() in VAGUE_SOURCES:
                hedged = True
            if lemma == "suggest":
                hypothetical = True
            break
        if node.dep_ in ("conj",) or node.dep_ in ("xcomp",) and head.pos_ in ("VERB", "AUX", "ADJ"):
            via, node = node.dep_, head
            continue
        if node.dep_ in ("ccomp", "advcl") and head.pos_ in ("VERB", "AUX", "ADJ"):
            via, node = node.dep_, head
            continue
        break
    if not reported:  # a mis-attached clause still sits under the sentence's say-verb: "X said that ... agreed"
        root = sent.root
        if (root is not trigger and root.lemma_.lower() in SAY and root.pos_ == "VERB"
                and root.i < trigger.i and any(t.i == trigger.i for t in root.subtree)):
            who = _speaker(root)
            if who is not None and trigger.i not in {t.i for t in who.subtree}:
                reported, speaker = True, who
                if who.lemma_.lower() in VAGUE_SOURCES:
                    hedged = True
    if would:  # "said it would send troops": announced; "the plan would cut taxes", "would ... if": unreal
        if reported and not conditional and not hypothetical:
            future = True
        elif not conditional:
            hypothetical = True
    return ModalityFlags(negated, hypothetical, future, reported, hedged, speaker, conditional, willing, unless,
                         prescribed, in_condition)
