"""Find events in parsed sentences: triggers from the pattern tables, arguments from the dependency parse.

Order of work in a sentence: verbs first (embedding frames such as "agreed to provide" or "urged X to", light
verbs with an event noun such as "launched strikes against", then plain verb patterns, then the CAMEO verb table
as a fallback), then nominal events that no verb claimed ("US air strikes on IS", "under IS siege").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..actors.resolver import NAMED_THINGS, SentenceActors
from ..records import Actor
from .arguments import agent_of, conjuncts, direct_object, is_passive, noun_source, prep_object, subject_of
from .ontology import cameo_entry
from .patterns import Pattern, PatternSet

__all__ = ["Draft", "extract"]

#: CAMEO roots of verbal acts aimed at what an actor owns or did ("criticised Japan's policy" targets Japan); a
#: visit to "Labour's achievements" or aid to "the fight" has no owner-target
OWNED = frozenset({"01", "02", "05", "09", "10", "11", "12", "13"})
#: CAMEO roots of material conflict: their objects must be people, places or things, never abstractions
MATERIAL_CONFLICT = frozenset({"17", "18", "19", "20"})
#: objects a material act can hurt, hold or destroy (besides actors, places and named things)
PHYSICAL = frozenset({
    "people", "person", "man", "woman", "child", "civilian", "soldier", "troop", "officer", "policeman", "guard",
    "protester", "demonstrator", "student", "worker", "villager", "resident", "refugee", "prisoner", "hostage",
    "journalist", "reporter", "activist", "dissident", "opponent", "suspect", "militant", "rebel", "fighter",
    "insurgent", "guerrilla", "gunman", "terrorist", "extremist", "leader", "official", "minister", "diplomat",
    "crew", "passenger", "pilgrim", "worshipper", "minority", "member", "supporter", "force", "unit", "army",
    "village", "town", "city", "area", "region", "district", "province", "border", "territory", "island", "zone",
    "position", "base", "camp", "post", "outpost", "checkpoint", "barrack", "garrison", "stronghold", "hideout",
    "target", "installation", "facility", "site", "plant", "refinery", "field", "platform", "rig", "pipeline",
    "ship", "tanker", "vessel", "boat", "freighter", "warship", "frigate", "destroyer", "submarine", "convoy",
    "plane", "aircraft", "jet", "helicopter", "drone", "airport", "airfield", "port", "harbour", "harbor",
    "building", "house", "home", "office", "headquarters", "embassy", "consulate", "school", "hospital",
    "mosque", "church", "temple", "shrine", "market", "station", "bridge", "road", "highway", "railway", "train",
    "bus", "car", "vehicle", "truck", "tank", "weapon", "missile", "radar", "battery", "depot", "factory",
    "newspaper", "property", "land", "farm", "shipping", "capital", "neighbourhood", "neighborhood",
    "street", "square", "parliament", "palace", "compound", "prison", "jail", "cell", "ministry",
})
#: people a state's forces may act on at home ("police fired on demonstrators"): they share its country
PEOPLE = frozenset({"people", "person", "man", "woman", "child", "civilian", "protester", "demonstrator", "student",
                    "worker", "villager", "resident", "refugee", "prisoner", "journalist", "activist", "dissident",
                    "opponent", "suspect", "supporter", "member", "youth", "crowd", "worshipper", "pilgrim",
                    "farmer", "family", "detainee", "mourner", "rioter", "striker", "leader"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "SPY", "LEG"})
#: CAMEO roots of dealings that between companies, or from a company to no one in particular, are commerce
COMMERCIAL_ROOTS = frozenset({"03", "04", "05", "06", "07", "08", "10", "12"})
#: promises each maker gives on its own: "France and Germany vowed to cut their deficits" is no pact between them
PROMISES = frozenset({"vow", "pledge", "promise", "swear", "offer", "undertake"})
#: measures and policies: what words attack, never weapons ("attacks on a wage freeze")
MEASURES = frozenset({"freeze", "policy", "plan", "reform", "law", "bill", "decision", "tax", "rule", "regulation",
                      "system", "budget", "proposal", "programme", "program", "measure", "scheme", "ban", "cut",
                      "rise", "increase", "austerity", "strategy", "package", "legislation", "tariff", "quota"})
PHYSICAL_QUANTITY = frozenset({"dozens", "hundreds", "thousands", "scores", "many", "some", "several", "others"})
#: words of sport and entertainment news, where "attack", "shoot" and "beat" are no violence
NON_POLITICAL = frozenset({
    "film", "movie", "album", "song", "band", "actor", "actress", "director", "episode", "sitcom", "oscar",
    "grammy", "festival", "premiere", "novel", "trilogy", "sequel", "theatre", "comedy", "drama", "singer",
    "chart", "box", "studio", "hollywood", "star", "tv", "television", "soap", "musical", "concert", "tour",
    "match", "goal", "cup", "league", "championship", "tournament", "coach", "striker", "midfielder",
    "defender", "goalkeeper", "player", "club", "squad", "race", "innings", "wicket", "tennis", "football",
    "rugby", "cricket", "athlete", "medal", "olympic", "olympics", "fixture", "referee", "scorer", "penalty",
    "try", "victory", "defeat", "game", "season", "champion", "semi", "quarter", "seed", "set",
})

#: things that are no actors, though an owner may make them resolve to one ("Britain's approach", "the EU's plan")
NOT_SOURCES = frozenset({
    "approach", "policy", "decision", "move", "measure", "proposal", "idea", "strategy", "system", "reform",
    "economy", "market", "price", "rate", "study", "survey", "figure", "statement", "letter", "speech", "comment",
    "remark", "article", "book", "legislation", "rule", "regulation", "resolution", "initiative", "effort",
    "process", "change", "cut", "rise", "increase", "fall", "growth", "inflation", "crisis", "row", "dispute",
    "issue", "problem", "debate", "vote", "result", "poll", "victory", "defeat", "bill", "act", "law", "plan",
    "report", "budget", "programme", "program", "scheme", "tax", "election", "constitution", "stance", "position",
    "view", "record", "performance", "failure", "success", "image", "reputation", "policies", "list", "fund",
    "account", "money", "rebate", "deficit", "debt", "shipment", "import", "export", "good", "product", "sale",
    "trade", "surplus", "currency", "dollar", "share", "crash", "accident", "explosion", "disaster", "earthquake",
    "storm", "flood", "fire", "blaze", "collision", "derailment",
})
#: pattern id prefix of acts the CAMEO verb table codes
FALLBACK = "cameo_verbs:"
TARGET_PREPS = ("against", "on", "with", "to", "at", "into", "toward", "towards", "for", "upon")
#: prepositions whose objects can be the counterpart of an embedded act ("hand over to", "withdraw from")
DEEP_PREPS = frozenset(TARGET_PREPS) | {"from", "between", "by", "of", "in"}
#: light verbs that promise rather than do: "pledged support", "offered aid" (CAMEO 03x, PLOVER AGREE)
INTENT_LIGHTS = frozenset({"pledge", "promise", "offer", "vow", "propose"})
#: modifiers of meeting nouns that make them the setting of a statement
NOT_MEETINGS = frozenset({"press", "news", "media"})
#: people whose demands and clashes are protest (PLOVER PROTEST), not requests or assaults
PROTESTERS = frozenset({"demonstrator", "protester", "protestor", "marcher", "rioter", "striker", "picket"})
#: verbs of protest whose participle clause ("walked out, demanding data") states what the protest demands
PROTEST_VERBS = frozenset({"walk", "march", "demonstrate", "protest", "rally", "strike", "boycott", "riot",
                           "picket"})
#: nouns of fighting whose possessive names where it is, not who fights ("Lebanon's war")
PLACE_WARS = frozenset({"war", "fighting", "conflict", "hostility", "violence", "unrest", "clash", "crisis",
                        "battle", "insurgency"})
#: modifiers that make a strike an attack even without a named target ("air strikes", "a missile strike")
ARMED_STRIKES = frozenset({"air", "aerial", "missile", "drone", "military", "rocket", "artillery", "nuclear", "naval",
                           "preemptive", "pre-emptive", "retaliatory", "surgical", "precision", "punitive", "cruise",
                           "us", "israeli", "american", "russian", "coalition", "allied", "nato", "fresh", "new"})
#: places by common name: a visit to them at home is campaigning, not a visit to a host
LOCALITIES = frozenset({"constituency", "seat", "area", "town", "city", "village", "region", "school", "hospital",
                        "factory", "farm", "plant", "site", "base", "camp", "port", "market", "centre", "center",
                        "community", "estate", "street", "ward", "county", "district", "marginal", "shop", "college"})
#: attack verbs also used of words ("attacked the plan", "hit out at", "slammed the government")
VERBAL_ATTACKS = frozenset({"attack", "assail", "hit", "slam", "blast", "savage", "lambast", "clash"})
#: words of armed conflict: where they are, "hit" and "attack" are force
ARMED_WORDS = frozenset({"military", "armed", "air", "missile", "rocket", "artillery", "nuclear", "army", "troop",
                         "soldier", "militant", "rebel", "guerrilla", "insurgent",
                         "bomb", "shell", "gunfire", "killing", "kill", "wound", "casualty", "war", "base", "fighter",
                         "police", "gunman", "explosion", "weapon", "militia"})
#: sectors of people who fight with words
POLITICAL_SECTORS = frozenset({"GOV", "PTY", "LEG", "OPP", "ELI", "JUD", "MED", "LAB", "BUS", "EDU", "HRI", "NGO"})
#: what one "bombards" someone with when no weapon is meant
WORDS_AS_BLOWS = frozenset({"request", "question", "letter", "call", "complaint", "email", "criticism", "demand",
                            "message", "inquiry", "query", "petition", "claim", "accusation", "abuse", "insult"})
#: light verbs that call a meeting off ("cancelled a trip to the US")
CANCELLING = frozenset({"cancel", "postpone", "scrap", "abandon", "delay", "suspend", "shelve", "call"})
#: what one declines to do when refusing to speak ("declined to comment", "refused to say whether")
SPEAKING = frozenset({"say", "comment", "answer", "confirm", "disclose", "reveal", "elaborate", "discuss",
                      "speculate", "name", "identify", "specify", "explain"})
#: light verbs that make a strike a stoppage, not an attack
STRIKE_LIGHTS = frozenset({"stage", "call", "hold", "declare", "go", "organise", "organize", "join"})
#: light verbs that end a protest: "called off the strike", "ended the boycott" (CAMEO 082, dissent eased)
ENDING_LIGHTS = frozenset({"end", "halt", "suspend", "stop", "abandon", "cancel"})
#: purpose verbs whose object a protest is aimed at: "a rally to protest the law", "marched to demand reforms"
PROTEST_PURPOSES = frozenset({"protest", "demand", "denounce", "condemn", "oppose", "press", "urge", "support",
                              "show", "express", "voice", "mark", "challenge", "reject", "call"})
#: light verbs of acts done together: "held talks with", "signed a pact with" (coded in both directions)
MUTUAL_LIGHTS = frozenset({"hold", "have", "sign", "forge", "seal", "establish", "begin", "start", "launch", "resume",
                           "conclude", "reach", "open", "enter", "deepen", "strengthen", "expand", "boost",
                           "restore", "continue", "build", "form", "strike", "finalize", "finalise"})
#: weapons and strikes that stand for whoever used them when they are a sentence's subject
WEAPON_NOUNS = frozenset({"missile", "rocket", "shell", "strike", "airstrike", "bomb", "drone", "jet", "plane",
                          "fire", "artillery", "shelling", "warplane", "aircraft", "helicopter", "tank", "mortar",
                          "raid", "attack", "bombardment", "barrage", "gunfire", "troop", "force"})
#: people one receives as a host ("received the Iranian foreign minister")
VISITORS = frozenset({"minister", "delegation", "envoy", "ambassador", "president", "leader", "official",
                      "counterpart", "secretary", "premier", "king", "queen", "prince", "chancellor", "diplomat",
                      "visitor", "mission", "representative", "emissary", "delegate", "governor", "mayor",
                      "general", "commander", "chief", "head", "team", "group"})
RECEIVE_VERBS = frozenset({"receive", "get", "obtain", "accept", "secure", "win"})
#: planning verbs whose infinitive states an intention (CAMEO codes "express intent" / "threaten")
INTENT_PLAN = frozenset({"want", "plan", "intend", "hope", "seek", "aim", "prepare", "wish", "mean", "propose"})
#: planning verbs that announce a course of action rather than a wish ("plans to", "intends to")
FIRM_PLANS = frozenset({"plan", "intend", "prepare", "propose"})
WANT_VERBS = frozenset({"want", "wish", "expect", "need", "like"})
#: appeals that need someone appealed to: "asked Iran to", not "he asked"
ASK_VERBS = frozenset({"ask", "press", "push", "encourage", "invite", "beg", "lobby", "petition", "implore",
                       "challenge"})
#: what a threat warns of: "warned of sanctions", "warned of retaliation"
FORCE_WORDS = frozenset({"sanction", "retaliation", "action", "force", "attack", "strike", "war", "consequence",
                         "reprisal", "measure", "countermeasure", "step", "response", "embargo", "boycott",
                         "tariff", "punishment", "penalty", "violence", "blow", "reprisals", "repercussion"})
PRONOUN_SUBJECTS = frozenset({"they", "he", "she", "it", "we"})
#: sectors of people who, blocking a road or a port, protest rather than besiege (CAMEO 144, not 191)
CIVILIAN_SECTORS = frozenset({"AGR", "LAB", "CVL", "OPP", "EDU", "BUS", "PPL", "MED", "HLH", "REF"})
#: verbs of fighting that between politicians are a contest, not an attack nor words against someone
POLITICAL_FIGHTS = frozenset({"fight", "battle", "combat", "resist"})
#: nouns of fighting that both sides do: "clashes between A and B" is A against B and B against A
MUTUAL_FIGHTS = frozenset({"clash", "firefight", "skirmish", "gunbattle", "shootout", "gunfight"})
FIRE_WORDS = frozenset({"fire", "gunfire", "shot", "artillery", "shell", "rocket", "mortar"})
#: verbs of permission or command whose own object acts in the embedded clause
SKIP_WITH_XCOMP = frozenset({"sanction", "authorize", "authorise", "allow", "permit", "order", "force", "compel",
                             "instruct", "command", "encourage", "lead", "push", "press"})

# CAMEO code of a composite act, by the embedding frame and the embedded act's CAMEO root.
_INTENT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "03": "030"}
_REQUEST_APPEAL = {"04": "026", "05": "022", "06": "021", "07": "023", "08": "025", "03": "020"}
_REQUEST_DEMAND = {"04": "106", "05": "102", "06": "101", "07": "103", "08": "105", "03": "100"}
_REFUSE = {"04": "125", "05": "120", "06": "121", "07": "122", "08": "124", "03": "120"}
_THREATEN = {"16": "131", "17": "137", "18": "138", "19": "138", "20": "1385", "15": "138", "14": "133"}


@dataclass(frozen=True, slots=True)
class Draft:
    """An event before ids, dates and places: trigger token range, actors, code and the pattern that fired."""

    trigger_start: int
    trigger_end: int
    main: int  # token index whose clause carries the modality
    source: Actor
    source_head: int
    target: Actor | None
    cameo: str
    pattern: str
    confidence: float
    type: str | None = None
    mode: str | None = None
    future: bool = False


@dataclass(frozen=True, slots=True)
class Act:
    """An act found under a trigger: CAMEO code, target head token, the pattern, and tokens it used."""

    cameo: str
    target: Token | None
    pattern: Pattern | None
    pattern_id: str
    trigger: Token
    used: tuple[int, ...]
    confidence: float
    source: Token | None = None  # set when the act's actor is not the verb's subject ("received aid from X")
    future: bool = False  # the act is announced or intended, not done ("agreed to provide", "wants to attack")
    reciprocal: bool = False  # source and target act on each other ("talks with", "a partnership")
    mutual: bool = False  # done together ("held talks with"), not granted ("authorized cooperation with")


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _object_allowed(pattern: Pattern, verb_lemma: str, obj: Token | None) -> tuple[bool, str | None]:
    """Apply a pattern's object rules; return (fires, overriding CAMEO code or None)."""
    obj_lemma = _lemma(obj) if obj is not None else None
    restrict = pattern.only_objects_for.get(verb_lemma)
    if restrict is not None and (obj_lemma is None or obj_lemma not in restrict):
        return False, None
    if obj_lemma is not None and obj_lemma in pattern.objects:
        code = pattern.objects[obj_lemma]
        return (code is not None), code
    if pattern.only_objects:
        return False, None
    return True, None


def _noun_ok(pattern: Pattern, noun: Token, light: Token | None, light_lemma: str | None = None) -> bool:
    lemma = _lemma(noun)
    mods = {_lemma(c) for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
    required = pattern.require_modifiers_for.get(lemma) or pattern.require_modifiers
    if required and not mods & set(required):
        return False
    if pattern.needs_light:
        if light is None:
            return False
        if pattern.only_lights and light_lemma not in pattern.only_lights:
            return False
    return True


def _noun_code(pattern: Pattern, noun: Token) -> str:
    assert pattern.cameo is not None
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod"):
            code = pattern.modifiers.get(_lemma(child))
            if code:
                return code
    return pattern.cameo


class _Sentence:
    def __init__(self, sent: SpacySpan, patterns: PatternSet, actors: SentenceActors, strict: bool = True) -> None:
        self.sent = sent
        self.strict = strict
        self.p = patterns
        self.actors = actors
        self.used: set[int] = set()
        self.conflict_triggers: set[int] = set()
        self.drafts: list[Draft] = []

    # ------------------------------------------------------------------ acts
    def lemma(self, tok: Token) -> str:
        """The token's lemma, repaired for past forms the lemmatizer gets wrong ("staged" -> "stag")."""
        lem = tok.lemma_.lower()
        low = tok.lower_
        if tok.tag_ in ("VBD", "VBN") and low.endswith("ed") and lem not in self.p.known:
            stems = [low[:-1], low[:-2]] + ([low[:-3] + "y"] if low.endswith("ied") else [])
            for cand in stems:
                if cand in self.p.known:
                    return cand
        return lem

    def noun_pattern(self, noun: Token) -> Pattern | None:
        """The noun pattern of a token, also for words the tokenizer split at a hyphen ("cease-fire")."""
        doc = noun.doc
        if noun.i >= 2 and doc[noun.i - 1].text == "-" and doc[noun.i - 2].i >= self.sent.start:
            left = doc[noun.i - 2].lower_
            for joined in (f"{left}-{_lemma(noun)}", f"{left}{_lemma(noun)}"):
                pattern = self.p.noun(joined)
                if pattern is not None:
                    return pattern
        mods = {_lemma(t) for t in noun.lefts if t.dep_ in ("amod", "compound", "nmod", "npadvmod", "poss")}
        by = prep_object(noun, ("by",))
        if by is not None:
            mods.update(_lemma(t) for t in _of_chain(by))  # "a strike by 40,000 seamen"
        if noun.head.lower_ == "on" and noun.dep_ == "pobj":
            mods.add("on")  # "went on strike"
        return self.p.noun(_lemma(noun), mods)

    def noun_act(self, noun: Token, light: Token | None) -> Act | None:
        pattern = self.noun_pattern(noun)
        if (pattern is not None and light is not None and (pattern.cameo or "")[:2] in ("18", "19")
                and self.lemma(light) in STRIKE_LIGHTS):
            # "staged a strike", "called a strike": a stoppage (the noun's protest sense)
            pattern = next(iter(self.p.senses.get(_lemma(noun), ())), pattern)
        if pattern is None or not _noun_ok(pattern, noun, light, self.lemma(light) if light is not None else None):
            return None
        target = prep_object(noun, pattern.preps or TARGET_PREPS)
        if target is None and light is not None:
            target = prep_object(light, tuple(pattern.preps) + TARGET_PREPS) or _dative(light)
        if target is None and light is not None and (pattern.cameo or "")[:2] == "07":
            target = self._recipient(light, noun)
        if pattern.needs_target and target is None and not pattern.reciprocal:
            return None  # "expanding the crackdown": on whom?
        if (_lemma(noun) == "strike" and (pattern.cameo or "")[:2] in ("18", "19") and target is None
                and not {_lemma(c) for c in noun.children} & ARMED_STRIKES):
            return None  # "the strike, now in its 13th day": a labour strike unless arms or a target say otherwise
        code = _noun_code(pattern, noun)
        if code[:2] == "04" and any(c.lower_ in NOT_MEETINGS for c in noun.lefts):
            return None  # "told a news conference": the setting of a statement, not a meeting
        if code[:2] == "04" and light is not None and self.lemma(light) in CANCELLING and (
                self.lemma(light) != "call" or any(c.lower_ == "off" for c in light.children)):
            return None  # "cancelled a trip to the US": no meeting
        if light is not None and self.lemma(light) in INTENT_LIGHTS and code[:2] in _INTENT:
            code = _INTENT[code[:2]]  # "pledged support to", "offered aid": a promise, not yet the act
        if light is not None and self.lemma(light) == "threaten" and code[:2] in ("16", "17", "18", "19", "20"):
            code = _THREATEN.get(code[:2], "130")  # "threatened tariffs on Japanese goods": a threat, not yet done
            pattern = replace(pattern, type=None, mode=None)  # the threat's own type, not the sanction's
        if pattern.place_cameo and target is not None and self.actors.is_place(target):
            code = pattern.place_cameo
        if code[:2] == "14" and light is not None:
            if self.lemma(light) in ENDING_LIGHTS or self.lemma(light) == "call" and any(
                    c.dep_ in ("prt", "advmod", "prep") and c.lower_ == "off" for c in light.children):
                code = "082"  # "called off the strike": dissent eased
            elif target is None:  # "began a hunger strike to protest the president's failure"
                purpose = next((c for c in light.children if c.dep_ in ("advcl", "xcomp")
                                and self.lemma(c) in PROTEST_PURPOSES), None)
                if purpose is not None:
                    target = self.counterpart(None, light, purpose, "request")
        used = (noun.i,) if light is None else (noun.i, light.i)
        mutual = light is not None and self.lemma(light) in MUTUAL_LIGHTS
        return Act(code, target, pattern, pattern.id, noun, used, pattern.confidence, mutual=mutual)

    def ordered_act(self, verb: Token) -> Act | None:
        """What an order does when the orderer's own state carries it out: "ordered penalty tariffs on Japanese
        goods" (SANCTION), "ordered Warner jailed" (COERCE against Warner). None for an order given to someone."""
        obj = direct_object(verb)
        noun = obj
        if noun is not None and self.p.noun(_lemma(noun)) is None:
            noun = prep_object(noun, ("of",))  # "ordered 300 mln dlrs of penalty tariffs"
        if noun is not None and noun.pos_ == "NOUN":
            pattern = self.p.noun(_lemma(noun))
            if pattern is not None and (pattern.cameo or "")[:2] in ("09", "16", "17"):
                return self.noun_act(noun, verb)  # "ordered sanctions", "ordered an investigation into"
        for child in verb.children:
            if child.dep_ in ("xcomp", "ccomp", "oprd") and child.pos_ == "VERB":
                pattern = self.p.verb(self.lemma(child))
                if pattern is not None and (pattern.cameo or "")[:2] == "17":
                    whom = obj if obj is not None else subject_of(child)
                    if whom is None or whom.i == verb.i:
                        return None
                    return Act(pattern.cameo or "173", whom, pattern, pattern.id + "+ordered", child,
                               (child.i, verb.i), pattern.confidence)
        return None

    def verb_act(self, verb: Token) -> Act | None:
        """The act a (non-frame) verb expresses by itself, with its target."""
        lemma = self.lemma(verb)
        obj = direct_object(verb)
        # "received weapons from the government": the giver acts, the receiver is the target
        if lemma in RECEIVE_VERBS and obj is not None and obj.pos_ == "NOUN":
            giver = prep_object(verb, ("from",))
            pattern = self.p.noun(_lemma(obj))
            if giver is not None and pattern is not None and pattern.cameo and pattern.cameo[:2] in ("06", "07"):
                code = _noun_code(pattern, obj)
                return Act(code, subject_of(verb), pattern, pattern.id + "+received", obj, (obj.i, verb.i),
                           pattern.confidence, source=giver)
        # light verb + event noun: "launched strikes against", "authorized military cooperation with"
        if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            frame = self.p.frames.get(lemma)
            lights = lemma in self.p.light_verbs or frame is not None and (
                frame.frame not in ("say", "plan", "request") or lemma in FIRM_PLANS)  # not "seeking a treaty"
            if frame is not None and frame.frame == "request" and lemma not in self.p.light_verbs:
                lights = False  # "requested the withdrawal of Iraqi troops": the withdrawal is asked for, not done
            for cand in conjuncts(obj):
                if lights:
                    act = self.noun_act(cand, verb)
                    if act is not None:
                        return act
        # the tagger calls some particles adverbs ("hit back at")
        particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
        pattern = self.p.verb(lemma, particles)
        if pattern is not None:
            if pattern.needs_particle and not particles & set(pattern.needs_particle):
                return None
            if obj is None:
                obj = _shared_object(verb)
            if lemma == "receive" and (obj is None or not (obj.pos_ == "PROPN" or obj.ent_type_ in (
                    "PERSON", "NORP", "GPE", "ORG") or _lemma(obj) in VISITORS)):
                return None  # "received ministers", "received Mr Lavrov"; not "received support"
            if lemma in SKIP_WITH_XCOMP and any(c.dep_ == "xcomp" for c in verb.children):
                return None  # "sanctioned the commander to cooperate": the embedded act is the event
            fires, override = _object_allowed(pattern, lemma, obj)
            if not fires:
                return None
            target = obj
            selector = obj is not None and _lemma(obj) in pattern.only_objects_for.get(lemma, ())
            if obj is not None and (pattern.only_objects or _lemma(obj) in pattern.objects or selector) \
                    and pattern.preps:
                # "joined forces with the US": the object is part of the act, the target is the prepositional one
                # ("attacked UK policy on immigration": not when that one names no actor)
                prep_target = prep_object(verb, pattern.preps) or prep_object(obj, pattern.preps)
                if prep_target is not None and (_actorish(prep_target, self.actors) or not _actorish(obj, self.actors)
                                                and self._owner_token(obj) is None):
                    target = prep_target
                elif pattern.only_objects or selector:
                    # "attended a BNP meeting"; "Iran and Iraq exchanged fire": the object names the act, not whom
                    target = prep_target or self._owner_token(obj)
            elif target is not None and pattern.preps and not _actorish(target, self.actors):
                prep_target = prep_object(verb, pattern.preps)
                if prep_target is not None:
                    target = prep_target  # "coordinate military operations with the US"
            if target is None or (pattern.only_preps and not is_passive(verb)):
                prep_target = prep_object(verb, pattern.preps or TARGET_PREPS) if pattern.preps else None
                if prep_target is not None:
                    target = prep_target
                elif pattern.only_preps and pattern.reciprocal and self._parties(subject_of(verb) or verb) > 1:
                    target = None  # "China and Israel discussed the peace prospects": each with the other
                elif pattern.only_preps:
                    return None
            if target is not None and target is not obj and pattern.objects.get(_lemma(target), "") is None:
                return None  # a prepositional object the pattern rules out ("hit back at claims", "met with criticism")
            if target is not None and (target.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ")
                                       or (target.ent_type_ in ("DATE", "TIME")
                                           and not any(c.dep_ == "compound" for c in target.children))):
                target = None
            if target is not None and not _actorish(target, self.actors):
                material = (override or pattern.cameo or "")[:2] in MATERIAL_CONFLICT
                better = prep_object(verb, ("against", "on", "at") if material else ("to", "with", "against", "on",
                                                                                      "for", "at"))
                if better is not None and _actorish(better, self.actors):
                    target = better  # "supply arms to Israel"
            addressee = target is not None and target.dep_ == "pobj" and target.head.lower_ == "to"
            if (target is None or addressee) and (pattern.cameo or "")[:2] == "11":
                # "Japan complained that the U.S. tariffs were unfair": the clause names whom it is about, also
                # when the complaint went to a third party ("complained to the UN that planes from Afghanistan")
                clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
                said = subject_of(clause) if clause is not None else None
                if said is not None and said.pos_ != "PRON":
                    about = said if self._coded(said) else self._owner_token(said)
                    if about is None and said.pos_ == "NOUN":
                        about = next((t for t in said.subtree if t.dep_ == "pobj" and t.head.lower_ == "from"
                                      and self._coded(t)), None)  # "planes from Afghanistan attacked"
                    if about is not None or target is None:
                        target = about
            if pattern.needs_target and target is None and not (
                    pattern.reciprocal and self._parties(subject_of(verb) or verb) > 1):
                return None  # ("the US, Russia and Switzerland met": each met the others)
            assert pattern.cameo is not None
            code = override or pattern.cameo
            if code[:2] in ("18", "19") and lemma in VERBAL_ATTACKS and self._verbal_attack(verb, target):
                code = "111"  # "attacked the government over Iraq", "attacked Labour's pledges": words, not force
            elif code[:2] in ("18", "19") and lemma in POLITICAL_FIGHTS and self._verbal_attack(verb, target):
                return None  # "officials fighting off demands by Congress": a political contest, no force
            if lemma == "dismiss" and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
                code = "111"  # "dismissed the Tories as fading": criticism, not a rejection
            with_what = prep_object(verb, ("with",))
            if code[:2] in ("18", "19", "20") and with_what is not None and _lemma(with_what) in WORDS_AS_BLOWS:
                return None  # "bombarded the minister with requests"
            if pattern.place_cameo and target is not None and self.actors.is_place(target) and not override:
                code = pattern.place_cameo
            used = (verb.i,)
            return Act(code, target, pattern, pattern.id, verb, used, pattern.confidence)
        if lemma in self.p.light_verbs or lemma in self.p.frames:
            return None
        obj_lemma = _lemma(obj) if obj is not None else ""
        fallback = self.p.fallback.get((lemma, obj_lemma)) or self.p.fallback.get((lemma, ""))
        if fallback is None or cameo_entry(fallback) is None or lemma in self.p.fallback_stop:
            return None
        target = obj or prep_object(verb, TARGET_PREPS)
        if target is None:
            return None
        return Act(fallback, target, None, f"{FALLBACK}{lemma}", verb, (verb.i,), 0.5)

    # ------------------------------------------------------------------ frames
    def frame_act(self, verb: Token, frame: Pattern) -> Act | None:
        kind = frame.frame
        embedded = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if embedded is None and (kind == "request" or self.lemma(verb) in WANT_VERBS):
            embedded = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ == "VERB"), None)
        inner = self.verb_act(embedded) if embedded is not None else None
        if inner is None and embedded is not None:
            inner_frame = self.p.frames.get(self.lemma(embedded))
            if inner_frame is not None and inner_frame.frame not in ("say", "plan"):
                inner = self.frame_act(embedded, inner_frame)
        if embedded is None:
            # "agreed on a ceasefire", "pledged aid to Kyiv", "threatened Iran with sanctions"
            act = self.verb_act_as_light(verb)
            off = self.lemma(verb) == "call" and any(c.lower_ == "off" and c.dep_ in ("prt", "advmod", "prep")
                                                     for c in verb.children)
            if act is not None and kind == "request" and not off:
                inner = act  # "requested the withdrawal of Iraqi troops", "urged talks with Iraq": asked for, not done
            elif act is not None:
                return act
        root = inner.cameo[:2] if inner is not None else ""
        obj = direct_object(verb)
        used = (verb.i,) + (inner.used if inner is not None else ()) + ((embedded.i,) if embedded is not None else ())
        if kind == "plan":
            if inner is None or embedded is None:
                return None
            own = next((c for c in embedded.children if c.dep_ in ("nsubj",)), None)
            if own is not None and self.lemma(verb) in WANT_VERBS:  # "Obama wants Putin to attack": an appeal to Putin
                code = _REQUEST_APPEAL.get(root, "020")
                return Act(code, own, frame, frame.id + f"+{inner.pattern_id}", verb, used, 0.6, future=True)
            # an intention counts with a counterpart ("are seeking to deepen a partnership", "plans to sue the
            # government"), not without ("wants to introduce a points system": conventions 1); a wish to harm
            # is no threat ("wants to attack"), a plan to is
            target = self.counterpart(inner.target, verb, embedded, kind)
            subject = subject_of(verb)
            paired = (inner.reciprocal or inner.pattern is not None and inner.pattern.reciprocal) and (
                subject is not None and len(conjuncts(subject)) > 1)
            if not paired and (target is None or not self._coded(target)):
                return None
            hostile = root in ("10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20")
            if hostile and (self.lemma(verb) not in FIRM_PLANS or inner.pattern_id.startswith(FALLBACK)):
                return None  # a plan to harm threatens only when a hand-written pattern says it harms
            code = _THREATEN.get(root, "130") if hostile else _INTENT.get(root, "030")
            return Act(code, target, frame,
                       frame.id + f"+{inner.pattern_id}", verb, used, 0.6, future=True,
                       reciprocal=inner.pattern is not None and inner.pattern.reciprocal)
        if kind == "intent":
            if inner is not None and root in ("14", "15", "16", "17", "18", "19", "20"):
                # "promised to halt all trade with South Africa": an announced sanction threatens (conventions 3)
                code = _THREATEN.get(root, "130")
            else:
                code = _INTENT.get(root, "030")
            target = inner.target if inner is not None else prep_object(verb, ("with", "to"))
            if target is None and embedded is not None:
                target = direct_object(embedded)
                if target is not None and not _actorish(target):
                    target = None
            if inner is None and embedded is None and (target is None or not _actorish(target, self.actors)):
                return None  # "vowed to press on", "agreed that the plan was fair": no act and no counterpart
            target = self.counterpart(target, verb, embedded, kind)
            return Act(code, target, frame, frame.id + (f"+{inner.pattern_id}" if inner else ""), verb, used, 0.75,
                       future=inner is not None,
                       reciprocal=inner is not None and inner.pattern is not None and inner.pattern.reciprocal)
        if kind == "threaten" and self.lemma(verb) == "warn":
            return self.warn_act(verb, frame, inner, embedded, used)
        if kind == "threaten":
            code = _THREATEN.get(root, "130")
            target = (inner.target if inner is not None else None) or obj or prep_object(verb, ("against",))
            target = self.counterpart(target, verb, embedded, kind)
            return Act(code, target, frame, frame.id + (f"+{inner.pattern_id}" if inner else ""), verb, used, 0.75)
        if kind == "refuse":
            if inner is None and embedded is None:
                if obj is None or self.lemma(verb) == "fail" or _lemma(obj) in SPEAKING | {"comment", "detail"}:
                    return None  # "declined comment"
                return Act("120", obj, frame, frame.id, verb, used, 0.7)  # "refused a request from X"
            told = direct_object(embedded) if embedded is not None else None
            if embedded is not None and (self.lemma(embedded) in SPEAKING or told is not None and _lemma(told) in (
                    SPEAKING | {"detail", "information", "name", "figure", "reason", "view", "opinion", "reaction",
                             "response", "assessment", "account", "explanation", "breakdown"})):
                return None  # "declined to say whether", "refused to comment", "declined to give details"
            code = _REFUSE.get(root, "120")
            target = inner.target if inner is not None else (direct_object(embedded) if embedded is not None else None)
            target = self.counterpart(target, verb, embedded, kind)
            if inner is None and (target is None or not self._coded(target)):
                return None  # "declined to comment", "refused to answer questions": no act refused to anyone
            return Act(code, target, frame, frame.id + (f"+{inner.pattern_id}" if inner else ""), verb, used, 0.7)
        if kind == "request":
            if verb.dep_ == "acl" and self.lemma(verb) == "call" and prep_object(verb, ("on", "upon", "for")) is None:
                return None  # "a party called Veritas": a name ("X, for the party, called on Y" is a request)
            if any(c.dep_ in ("prt", "advmod") and c.lower_ in ("on", "ahead", "forward") for c in verb.children) \
                    and self.lemma(verb) in ("press", "push"):
                return None  # "pressed on with the plan": carrying on, not pressing anyone
            table = _REQUEST_DEMAND if frame.cameo == "100" else _REQUEST_APPEAL
            code = table.get(root, frame.cameo or "020")
            if self.lemma(verb) == "invite" and root in ("", "04"):
                code = "036"  # an invitation to talks or a visit promises the meeting (PLOVER AGREE)
            if frame.only_preps:
                particle = any(c.dep_ == "prt" for c in verb.children)
                target = prep_object(verb, ("on", "upon")) or (obj if particle else None)
                if target is None and prep_object(verb, ("for",)) is None:
                    return None
                if (self.lemma(verb) == "call" and inner is None and embedded is None and target is not None
                        and prep_object(verb, ("for",)) is None and _actorish(target, self.actors)
                        and not any(c.dep_ in ("xcomp", "ccomp", "dobj") for c in verb.children)
                        and not any(t.tag_ == "VB" and any(c.lower_ == "to" for c in t.children)
                                    for t in verb.subtree)):
                    # "he is to call on President Sarney": a courtesy visit, nothing asked
                    return Act("042", target, frame, frame.id + "+visit", verb, used, 0.6)
            else:
                target = obj or prep_object(verb, ("on", "upon", "to"))
            if target is not None and not _actorish(target):
                target = inner.target if inner is not None else None
            if self.lemma(verb) == "ask" and any(
                    c.dep_ == "ccomp" and any(m.lower_ in ("whether", "if", "how", "why", "what", "when", "who")
                                              for m in c.children if m.dep_ in ("mark", "advmod", "nsubj", "dobj"))
                    for c in verb.children):
                return None  # "asked the chancellor whether ...": a question, not a request
            if self.lemma(verb) in ASK_VERBS and (target is None or not _actorish(target, self.actors)):
                return None  # "he asked", "was pressed": an appeal needs someone appealed to
            if self.lemma(verb) == "call" and any(c.dep_ in ("prt", "advmod", "prep") and c.lower_ == "off"
                                                 for c in verb.children):
                return None  # "called off an uprising": no one is asked; the protest noun says what ended
            if self.lemma(verb) == "challenge" and inner is None and embedded is None:
                return None  # "are challenging the incumbent governor": a contest, nothing asked
            if self.lemma(verb) == "ask" and inner is None and embedded is None and any(
                    t.dep_ == "prep" and t.lower_ == "about" for t in verb.subtree):
                return None  # "was asked by journalists about his view": a question
            target = self.counterpart(target, verb, embedded, kind)
            return Act(code, target, frame, frame.id + (f"+{inner.pattern_id}" if inner else ""), verb, used, 0.7)
        return None

    def _coded(self, tok: Token, deep: bool = False) -> bool:
        actor = self.actors.resolve(tok, deep=deep)
        if actor is not None and actor.code is None and actor.members:  # a list of actors
            return all(m.country is not None for m in actor.members)
        return actor is not None and actor.code is not None and not actor.code.startswith("---")

    def counterpart(self, target: Token | None, verb: Token, embedded: Token | None, kind: str) -> Token | None:
        """A frame act's target: its own when that names an actor, else the one its embedded clause names."""
        if target is not None and self._coded(target):
            own = self.actors.resolve(target)
            subject = subject_of(verb)
            mine = self.actors.resolve(subject) if subject is not None else None
            if not (own is not None and mine is not None and own.country and own.country == mine.country
                    and own.code != mine.code and target.pos_ != "PROPN"):
                return target
            # "will pull its troops out unless Chad ...": one's own forces are not the counterpart
            return self.deep_target(verb, embedded, kind) or target
        return self.deep_target(verb, embedded, kind) or target

    def deep_target(self, verb: Token, embedded: Token | None, kind: str) -> Token | None:
        """The counterpart of a frame act whose own arguments name none, found in the clause it embeds: the
        addressee of a demand ("demanded that the US cancel"), the actor the promised, refused or threatened act
        is aimed at ("offered to hand over to Britain", "refused to allow UN planes to land"), the party a
        threat's condition names ("threatened to stop talks if the US goes ahead"), or the owner or place of what
        the act is about ("withdraw its troops from Lebanon")."""
        source = subject_of(verb)
        banned = set(range(source.left_edge.i, source.right_edge.i + 1)) if source is not None else set()
        clauses: list[Token] = []
        todo = [embedded] if embedded is not None else []
        while todo and len(clauses) < 4:
            clause = todo.pop(0)
            clauses.append(clause)
            for child in clause.children:
                frame = self.p.frames.get(self.lemma(child))
                if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX") and (
                        frame is None or frame.frame != "say"):
                    todo.append(child)
        loose: list[Token] = []  # non-actor objects, for their owners
        places: list[Token] = []  # "ban voting in East Jerusalem": the place, if nothing better
        for n, clause in enumerate(clauses):
            args: list[Token] = []
            for child in clause.children:
                if child.dep_ in ("nsubj", "nsubjpass") and clause.dep_ == "ccomp" and (n > 0 or kind == "request"):
                    args.append(child)  # "demanded that the US cancel": the addressee
                elif child.dep_ in ("dobj", "obj", "dative", "attr"):
                    args.append(child)
                elif child.dep_ in ("prep", "dative", "agent") and child.lower_ in DEEP_PREPS:
                    args += [g for g in child.children if g.dep_ == "pobj"]
            for arg in args:
                for tok in conjuncts(arg):
                    if tok.i in banned or tok.pos_ == "PRON" and tok.lower_ not in ("them", "him", "her"):
                        continue
                    if not self._coded(tok) or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children):
                        loose.append(tok)  # a thing, or the actor's own ("its troops")
                    elif tok.head.lower_ == "in" and self.actors.is_place(tok):
                        places.append(tok)
                    else:
                        return tok
        for clause in [verb, *clauses]:  # "will retaliate if Iran ...", "unless the president holds elections"
            for child in clause.children:
                if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                                 for m in child.children):
                    subj = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                    if subj is not None and subj.i not in banned and self._coded(subj):
                        return subj
        if embedded is None:  # "demanded a truce with Moslem forces", "called for sanctions against Nigeria"
            for head in [direct_object(verb), prep_object(verb, ("for",))]:
                if head is None or head.i in banned:
                    continue
                if self._coded(head):
                    return head  # "called for reform of the United Nations"
                about = prep_object(head, ("with", "against", "on", "from", "by", "of"))
                if about is not None and about.i not in banned and self._coded(about) and not (
                        self.actors.is_place(about) and about.head.lower_ == "in"):
                    return about
                loose.append(head)
        for tok in loose:
            owner = self._owner_token(tok)
            if owner is not None and owner.i not in banned and owner.pos_ != "PRON":
                return owner
            if tok.pos_ in ("NOUN", "PROPN") and self._coded(tok, deep=True):
                return tok  # "a peace-keeping force in Liberia"
        return places[0] if places else None

    def prescription_act(self, verb: Token, frame: Pattern) -> Act | None:
        """A statement that another actor must act is a demand on it: "Washington declared that China must drop
        barriers", "Russia said Sudan must return the helicopter" (the inner act itself is unreal). "Should" gives
        an opinion of what others ought to do (judged so on real news), not a demand."""
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
        if clause is None:
            return None
        modal = next((c.lower_ for c in clause.children if c.dep_ == "aux" and c.lower_ in ("must",)), None)
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        speaker = subject_of(verb)
        if modal is None or subj is None or speaker is None or subj.lower_ in ("we", "i", "you"):
            return None
        said, told = self.actors.resolve(speaker), self.actors.resolve(subj)
        if said is not None and said.country and any(
                getattr(self.actors.resolve(c) or told, "country", None) == said.country for c in subj.conjuncts):
            return None  # "both the U.S. and Japan should ...": what all ought to do, one's own side included
        if said is None or told is None or told.code is None or told.code.startswith("---") or (
                said.code is not None and said.code == told.code) or subj.i in range(speaker.left_edge.i,
                                                                                       speaker.right_edge.i + 1):
            return None
        if told.country == said.country or told.country is None or said.country is None or (
                said.sector not in (None, "GOV", "MIL", "LEG", "IGO") and not (said.code or "").startswith("IGO")):
            # "Blair said Britain must lead", "X said the government should act": at home, an opinion (judged
            # on real news); between states a demand ("Russia said Sudan must return the helicopter")
            return None
        code = "100"
        return Act(code, subj, frame, f"{frame.id}+{modal}", verb, (verb.i,), 0.6)

    def warn_act(self, verb: Token, frame: Pattern, inner: Act | None, embedded: Token | None,
                 used: tuple[int, ...]) -> Act | None:
        """A warning is a request ("warned Iran to stop", "warned X against"), a threat ("warned of sanctions",
        "warned it would retaliate"), or a prediction, which is no event ("warned that prices may rise")."""
        obj = direct_object(verb)
        against = prep_object(verb, ("against",)) or next(
            (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "against"), None) or next(
            (g for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"
             for g in p.children if g.dep_ == "prep" and g.lower_ == "against" and any(
                 x.dep_ == "pcomp" for x in g.children)), None)  # "warned Congress in a speech against passing"
        if obj is not None and not _actorish(obj, self.actors):
            obj = None
        if embedded is not None and obj is not None or against is not None and obj is not None:
            root = inner.cameo[:2] if inner is not None else ""
            return Act(_REQUEST_APPEAL.get(root, "020"), obj, frame, frame.id + "+request", verb, used, 0.7)
        of = prep_object(verb, ("of", "about"))
        if of is not None and _lemma(of) in FORCE_WORDS:
            return Act("130", obj, frame, frame.id + "+of", verb, used, 0.7)
        if of is not None:
            return None  # "warned Blair about the dangers of disunity": a caution, no threat
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
        if clause is not None:
            act = self.verb_act(clause)
            if any(c.dep_ == "aux" and c.lower_ in ("may", "might", "could", "can") for c in clause.children):
                return None  # "warned a dollar fall might force the Fed to ...": a prediction
            if act is None or act.pattern is None or act.cameo[:2] not in ("13", "15", "16", "17", "18", "19", "20"):
                return None  # a prediction or a statement
            code = act.cameo if act.cameo[:2] == "13" else _THREATEN.get(act.cameo[:2], "130")
            return Act(code, act.target or obj, frame, frame.id + f"+{act.pattern_id}", verb,
                       used + (clause.i,) + act.used, 0.7)
        if obj is not None:
            return Act("130", obj, frame, frame.id, verb, used, 0.6)
        return None

    def verb_act_as_light(self, verb: Token) -> Act | None:
        obj = direct_object(verb)
        if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
            return None
        for cand in conjuncts(obj):
            act = self.noun_act(cand, verb)
            if act is not None:
                return act
        return None

    # ------------------------------------------------------------------ emit
    def emit(self, act: Act, source_head: Token | None, main: Token) -> None:
        if source_head is None:
            return
        if source_head.lower_ in PRONOUN_SUBJECTS:
            source_head = _antecedent(source_head) or source_head
        sources = [s for s in conjuncts(source_head)]
        targets: list[Token | None] = [None]
        if act.target is not None:
            # "fight terror, crime and immigration": one event; "attacked Iran and Iraq": one per actor
            named = [t for t in conjuncts(act.target) if _actorish(t, self.actors)]
            targets = list(named) if len(named) > 1 else [act.target]
        entry = cameo_entry(act.cameo)
        if entry is None:
            return
        reciprocal = act.reciprocal or (act.pattern is not None and act.pattern.reciprocal)
        pairs: list[tuple[Token, Token | None]] = [(s, t) for s in sources for t in targets]
        joint = act.cameo[:2] == "03" and len(sources) > 1 and (
            act.target is None or not _actorish(act.target, self.actors)) and self.lemma(act.trigger) not in PROMISES
        if joint:  # "Canada and Costa Rica agreed to start negotiations": each agrees with the other
            pairs = [(a, b) for a in sources for b in sources if a is not b]
        elif reciprocal and act.target is None and len(sources) > 1:
            # "Brazil and the US launched a partnership": each acts on the other
            pairs = [(a, b) for a in sources for b in sources if a is not b]
        if (joint or reciprocal and act.target is None) and len(sources) > 1:
            # "he and his economy minister discussed ... with X", "a meeting between Baker, Poehl and Stoltenberg":
            # partners on one side (the same country, or none known) do not act on each other
            pairs = [(a, b) for a, b in pairs if b is None or b not in sources or self._two_sides(a, b)]
        elif reciprocal and act.target is not None and act.trigger.pos_ == "NOUN" and act.mutual:
            pairs += [(t, s) for s in sources for t in targets if t is not None]  # "held talks with" goes both ways
        for s_tok, t_tok in pairs:
            if s_tok.pos_ in ("NOUN", "PROPN") and s_tok.ent_type_ != "PERSON" and _lemma(s_tok) in NOT_SOURCES:
                continue  # "Britain's open door approach is hitting workers": a policy acts on no one
            if any(c.ent_type_ == "PRODUCT" for c in s_tok.children) or (
                    s_tok.dep_ == "pobj" and s_tok.head.lower_ == "of" and _lemma(s_tok.head.head) in NOT_SOURCES):
                continue  # "the crash of a Boeing 747 which killed 520 people": a machine or an accident
            resolved = self.actors.resolve(s_tok) or self._weapon_user(s_tok)
            if resolved is not None and resolved.country is None and not resolved.members:
                resolved = self._located(resolved, s_tok)  # "students throughout Indonesia"
            if resolved is None or (resolved.code is None and not resolved.members and self.strict):
                continue
            if resolved.country is None and _generic(resolved) and act.cameo[:2] != "14":
                continue  # "people make agreements": nobody in particular
            together = reciprocal and act.target is None or act.cameo[:2] == "03" and (
                act.target is None or not _actorish(act.target, self.actors))
            if (together and len(sources) == 1 and resolved.code is None and len(resolved.members) > 1
                    and resolved.entry == "coordinated modifiers"):
                # "clashes between Iranian and Iraqi troops", "the Turkish and Greek sides agreed to share"
                members = _per_member(resolved)
                for source in members:
                    for other in members:
                        if other.code != source.code:
                            self._draft(act, source, s_tok, None, main, other)
                continue
            for source in _per_member(resolved):
                self._draft(act, source, s_tok, t_tok, main)

    def _two_sides(self, a: Token, b: Token) -> bool:
        """Whether two coordinated actors are on different sides: of different known countries, or organisations."""
        one, other = self.actors.resolve(a), self.actors.resolve(b)

        def side(actor: Actor | None) -> str | None:
            found = (actor.country or actor.code) if actor is not None else None
            return None if not found or found.startswith("---") else found

        first, second = side(one), side(other)
        if first is None and second is None:
            return False  # "finance ministers and central bank governors": no side known
        return first != second

    def _parties(self, tok: Token) -> int:
        """How many actors a phrase names: its coordinated actors ("France and Iran"), or the countries of its
        coordinated modifiers ("Iranian and Iraqi troops")."""
        named = [t for t in conjuncts(tok) if _actorish(t, self.actors)]
        if len(named) == 1:
            actor = self.actors.resolve(named[0])
            if actor is not None and actor.code is None and len(actor.members) > 1:
                return len(actor.members)
        return len(named)

    def _weapon_user(self, tok: Token) -> Actor | None:
        """A weapon or strike as the subject acts for whoever used it: "missiles fired by the Israeli military",
        "Syrian regime air strikes" (the phrase keeps its words, coded as the user)."""
        if _lemma(tok) not in WEAPON_NOUNS:
            return None
        user = noun_source(tok)
        if user is None:
            acl = next((c for c in tok.children if c.dep_ == "acl"), None)
            user = agent_of(acl) if acl is not None else None
        actor = self.actors.resolve(user) if user is not None else None
        if actor is None or actor.code is None:
            return None
        phrase = self.actors.resolve(tok, deep=True)
        if phrase is None:
            return actor
        return replace(phrase, name=actor.name, country=actor.country, sector=actor.sector, code=actor.code,
                       entry=actor.entry, members=actor.members)

    def _draft(self, act: Act, source: Actor, s_tok: Token, t_tok: Token | None, main: Token,
               given: Actor | None = None) -> None:
        """Add the draft of one (source, target) pair; an ad-hoc group target also counts once per member.
        ``given`` is a target already resolved (another member of the source's group)."""
        material = act.cameo[:2] in MATERIAL_CONFLICT
        resolved = given
        if t_tok is not None and t_tok.ent_type_ in ("DATE", "TIME") and not any(
                c.dep_ == "compound" for c in t_tok.children):
            t_tok = None  # "pledged in the autumn": a time, not whom
        if t_tok is not None:
            resolved = self.actors.resolve(t_tok, deep=True)
            if (resolved is None or resolved.code is None and not resolved.members) and act.cameo[:2] in OWNED:
                resolved = self._owner(t_tok) or resolved  # "criticised Japan's policy" -> Japan
        if (resolved is not None and resolved.code is None and not resolved.members
                and (material or act.cameo[:2] == "13")):
            resolved = self._placed(resolved, t_tok, main, act.trigger, *(main.doc[i] for i in act.used))
        if (material and resolved is not None and resolved.country is None and not resolved.members
                and t_tok is not None and source.country and source.sector in STATE_SECTORS
                and (_lemma(t_tok) in PEOPLE or t_tok.pos_ == "NUM" or t_tok.lower_ in PHYSICAL_QUANTITY)):
            # "police opened fire on demonstrators, killing one person": the state's force on its own people
            resolved = replace(resolved, country=source.country, code=source.country + (resolved.sector or ""),
                               inferred=True)
        if (material and _lemma(act.trigger) == "strike" and source.sector in ("LAB", "EDU", "HLH", "AGR", "CVL")
                and (resolved is None or resolved.code is None)):
            act = replace(act, cameo="143", pattern=_untyped(act.pattern), pattern_id=act.pattern_id + "+protest")
            material = False  # "23,000 engineering workers struck at 90 plants": a strike, not a raid
        if (resolved is None or resolved.code is None and not resolved.members) and act.cameo[:2] == "14":
            # "staged a protest in Monrovia", "blocked a road": aimed at home
            place = self._place_of(main, act.trigger, *_of_chain(s_tok))
            resolved = replace(place, inferred=True) if place is not None else None
        if (material and act.cameo[:2] in ("18", "19") and t_tok is not None and _lemma(t_tok) in MEASURES
                and source.sector not in ("MIL", "REB", "UAF", "COP", "SPY") and resolved is not None
                and resolved.code is not None):
            # "union leaders joined attacks on a wage freeze in Yugoslavia": words against a measure, aimed at
            # whoever owns it
            act = replace(act, cameo="111", pattern=_untyped(act.pattern), pattern_id=act.pattern_id + "+verbal")
            material = False
        elif material and t_tok is not None and (_lemma(t_tok) in MEASURES or not self._physical(t_tok, resolved)):
            return  # "fight crime", "smash the plan", "hit the shops": no one is attacked
        if material and _non_political(self.sent):
            return  # "shooting the film", "attacked the defence": sport and entertainment senses
        if material and source.sector in ("MED", "EDU"):
            return  # "claims he has been targeted by the newspaper": papers and schools use no force
        needs_actor = act.pattern is not None and act.pattern.needs_target and not material
        if needs_actor and (resolved is None or resolved.code is None and not resolved.members
                            or resolved.country is None and not resolved.members and _generic(resolved)):
            return  # "welcomed the review", "help young people": the act needs someone it is aimed at
        if (act.cameo[:2] == "04" and resolved is not None and t_tok is not None
                and (self.actors.is_place(t_tok) or _lemma(t_tok) in LOCALITIES)
                and (resolved.country is None or resolved.country == source.country)):
            return  # touring towns at home is campaigning, not a visit to a host
        if act.cameo[:2] == "04" and resolved is not None and resolved.sector == "MED" and not resolved.members:
            return  # "will meet reporters", "met journalists": a press event, not talks between actors
        if act.cameo[:2] == "14" and source.sector in ("MIL", "COP"):
            return  # "troops marched into the camp": forces do not demonstrate
        if (act.cameo[:2] in ("02", "10") and resolved is not None and (source.country or source.sector == "GOV")
                and resolved.country in (None, source.country) and resolved.sector in ("MIL", "COP", "SPY")
                and source.sector in (None, "GOV", "MIL")):
            return  # "Sri Lanka ordered its armed forces to defend": a state commands its own forces, asks no one
        if (resolved is not None and resolved.code is not None and resolved.code == source.code
                and (resolved.text.lower() in ("its", "their") and source.sector is None
                     or _lemma(act.trigger) in ("defend", "justify")
                     and resolved.text.lower() in ("his", "her", "its", "their", "him", "it", "them", "himself",
                                                   "itself"))):
            # "Nakasone defended his plans", "the Philippines reached agreement with its bank advisory committee":
            # one's own thing (or a state's own creditors) names no one else; a person's "his" is left to
            # coreference ("Davis welcomed his apology" is someone else's)
            resolved = None
            if needs_actor:
                return
        if act.cameo[:2] in ("06", "07") and _business(source) and (
                resolved is None or resolved.code is None or _business(resolved)):
            return  # "Fujitsu supplies supercomputers to U.S. makers", "businessmen invest": commerce, not politics
        if act.cameo[:2] in COMMERCIAL_ROOTS and (_business(source) and (
                resolved is None or resolved.code is None or _business(resolved) or resolved.sector is None
                and not (resolved.code or "").startswith(("IGO", "NGO"))) or resolved is not None
                and _business(resolved) and source.sector is None and source.inferred):
            # "Deutsche Boerse held talks with the London Stock Exchange", "Southcorp rejected a takeover offer",
            # "the US firm agreed to pay $2bn": a company's dealings count only when aimed at a state's or an
            # international body ("the association urged Congress"); an unknown name placed only by the story's
            # home that deals with a company ("CGE struck a deal with ITT Corp") is a company too
            return
        if (act.cameo[:2] == "13" and resolved is not None and source.country
                and resolved.country == source.country and resolved.sector in ("MIL", "COP")):
            resolved = None  # "threatened to use troops if the unrest spread": one's own forces are not threatened
        act = self._protest_sense(act, source, s_tok)
        if act.cameo[:3] == "191" and source.sector in CIVILIAN_SECTORS:
            act = replace(act, cameo="144", pattern=_untyped(act.pattern))  # farmers blocking a road protest
        targets: list[Actor | None] = list(_per_member(resolved)) if resolved is not None else [None]
        for target in targets:
            if act.pattern_id.startswith(FALLBACK) and (source.code is None or target is None or target.code is None):
                continue  # the CAMEO verb table is a fallback: only between actors the dictionaries know
            same_words = target is not None and target.start == source.start and target.end == source.end
            if same_words and not (source.members and target is not None and target.country != source.country):
                continue  # an actor does not act on itself (members of one group may act on each other)
            conf = act.confidence - (0.15 if source.code is None else 0) - (
                0.1 if target is not None and target.code is None else 0)
            self.drafts.append(Draft(
                trigger_start=act.trigger.i,
                trigger_end=act.trigger.i + 1,
                main=main.i,
                source=source,
                source_head=s_tok.i,
                target=target,
                cameo=act.cameo,
                pattern=act.pattern_id,
                confidence=round(max(0.05, min(1.0, conf)), 2),
                type=act.pattern.type if act.pattern is not None and act.pattern.type else None,
                mode=act.pattern.mode if act.pattern is not None and act.pattern.mode else None,
                future=act.future,
            ))

    def _recipient(self, light: Token, noun: Token) -> Token | None:
        """Who aid goes to when the noun names no one: "sent supplies and doctors to Nepal", "assistance to help
        people in Somalia", "gave euros to promote development in Ethiopia"."""
        for tok in light.subtree:
            if (tok.i > noun.i and tok.dep_ == "pobj" and tok.head.lower_ in ("to", "in", "for")
                    and self._coded(tok)):
                return tok
        return None

    def _verbal_attack(self, verb: Token, target: Token | None) -> bool:
        """Whether "attack", "hit" or "slam" is said of words: an issue ("over Iraq"), a verdict ("as vacuous"), a
        thing that cannot be hurt ("Labour's pledges"), or a politician or government attacked by a politician."""
        if any(t.pos_ in ("NOUN", "ADJ") and _lemma(t) in WEAPON_NOUNS | ARMED_WORDS for t in self.sent):
            return False  # "air strikes hit the enclave", "the Pentagon hit five bases": force
        subject = subject_of(verb)
        said = self.actors.resolve(subject) if subject is not None else None
        if said is None or said.sector not in POLITICAL_SECTORS and said.sector is not None:
            return False
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("over", "as", "for", "about") and not any(
                    g.ent_type_ in ("DATE", "TIME") for g in c.children):
                return True
        if target is None:
            return False
        if target.pos_ == "NOUN" and _lemma(target) not in PHYSICAL and not self._coded(target):
            return True
        if target.pos_ == "NOUN" and _lemma(target) not in PHYSICAL and self._owner_token(target) is not None:
            return True  # "attacked Labour's pledges"
        aimed = self.actors.resolve(target)
        return bool(aimed is not None and said.sector in POLITICAL_SECTORS and aimed.sector in POLITICAL_SECTORS)

    def _protest_sense(self, act: Act, source: Actor, s_tok: Token) -> Act:
        """A state that protests complains (ACCUSE 114: "France protested over Canada's decision"); what
        demonstrators demand or fight is their protest ("demonstrators battling police, demanding his
        resignation"; "walked out, demanding data")."""
        root = act.cameo[:2]
        if act.cameo == "141" and act.trigger.pos_ == "VERB" and source.country and not source.members and (
                source.sector in (None, "GOV") and (s_tok.pos_ == "PROPN" or s_tok.ent_type_ in ("GPE", "NORP"))
                and _lemma(s_tok) not in PROTESTERS):
            return replace(act, cameo="114", pattern=_untyped(act.pattern))
        crowd = any(_lemma(t) in PROTESTERS for t in _of_chain(s_tok))
        verb = act.trigger
        in_protest = verb.dep_ in ("advcl", "conj") and verb.tag_ == "VBG" and self.lemma(verb.head) in PROTEST_VERBS
        if root in ("10", "02") and (crowd or in_protest):
            return replace(act, cameo="141", pattern=_untyped(act.pattern), pattern_id=act.pattern_id + "+protest")
        if act.cameo in ("180", "182", "190") and crowd:  # not "demonstrators fired missiles"
            return replace(act, cameo="145", pattern=_untyped(act.pattern), pattern_id=act.pattern_id + "+protest")
        return act

    def _owner(self, tok: Token) -> Actor | None:
        """The actor that owns a thing aimed at: "Japan's policy", "the EU constitution", "his apology"."""
        owner = self._owner_token(tok)
        return self.actors.resolve(owner) if owner is not None else None

    def _owner_token(self, tok: Token) -> Token | None:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in ("PERSON", "GPE", "NORP"):
            return None
        if tok.lower_ in NAMED_THINGS and tok.is_title and tok.i > tok.sent.start:
            return None  # "the Kyoto Protocol", "the Uruguay Round", "the London Interbank Offered Rate"
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.pos_ in ("PROPN", "NOUN", "PRON", "ADJ") \
                    and self._coded(child) and not (child.dep_ == "compound" and self.actors.kind_at(child) == "place"):
                return child  # not "the Kyoto treaty": a city in a name owns nothing
        of = prep_object(tok, ("of", "from", "by"))
        if of is not None and of.pos_ in ("PROPN", "NOUN") and self._coded(of):
            return of
        return None

    def _physical(self, tok: Token, resolved: Actor | None) -> bool:
        """Whether a material act's object can be hurt, held or destroyed: an actor, a place, people, a thing of
        war or of the state; not an abstraction ("crime", "the plan", "inflation")."""
        if resolved is not None and resolved.code is not None and (
                tok.pos_ != "NOUN" or _lemma(tok) in PHYSICAL or any(
                    self.actors.entry_at(t) is not None or t.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "NORP", "PERSON")
                    for t in tok.subtree)):
            return True  # not "attacked the asylum system" because the story is British
        if self.actors.is_place(tok) or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"):
            return True
        if tok.pos_ == "PRON" and tok.lower_ in ("it", "this", "that", "what", "which"):
            return False  # "we are fighting it" (terror): a thing, unless it resolved to an actor above
        if tok.pos_ in ("PRON", "NUM") or tok.lower_ in PHYSICAL_QUANTITY:
            return True
        return _lemma(tok) in PHYSICAL

    def _placed(self, target: Actor, *verbs: Token | None) -> Actor:
        """An unnamed target in a named country takes that country: "attack hideouts in Afghanistan", "fired
        shells at targets in Jericho"."""
        place = self._place_of(*(v for v in verbs if v is not None), preps=("in", "inside"))
        if place is None:
            return target
        return replace(target, country=place.country, code=place.country, entry=place.entry)

    def _place_of(self, *heads: Token,
                  preps: tuple[str, ...] = ("in", "inside", "at", "outside", "throughout", "across")) -> Actor | None:
        """The country of the first place named "in", "at" or "outside" one of the heads."""
        for head in heads:
            where = prep_object(head, preps)
            if where is not None and self.actors.is_place(where):
                place = self.actors.resolve(where)
                if place is not None and place.country:
                    return place
        return None

    def _dateline(self) -> Actor | None:
        """The place of a paragraph's dateline ("MANILA - Communist rebels said ..."), if the sentence has one."""
        head = list(self.sent[:5])
        dash = next((n for n, t in enumerate(head) if t.text in ("-", "--", "\u2014", "\u2013")), None)
        if not dash or not all(t.is_upper or not t.is_alpha for t in head[:dash]):
            return None
        for tok in head[:dash]:
            if self.actors.is_place(tok):
                place = self.actors.resolve(tok)
                if place is not None and place.country:
                    return place
        return None

    def _located(self, actor: Actor, tok: Token) -> Actor:
        """A sourceless-country actor placed by its own phrase takes the place's country, marked inferred:
        "students throughout Indonesia", "demonstrators in Baghdad"."""
        place = self._place_of(*_of_chain(tok)) or self._dateline()
        if place is None or place.country is None:
            return actor
        code = place.country + (actor.sector or "")
        return replace(actor, country=place.country, code=code, inferred=True)

    def _lend_target(self, verb: Token, act: Act) -> None:
        """Give the victims of a consequence clause to the act it spells out, when that act named no target."""
        if act.target is None:
            return
        head = verb
        while head.dep_ in ("conj", "advcl") and head.head is not head and head.i not in self.conflict_triggers:
            head = head.head
        target = self.actors.resolve(act.target, deep=True)
        if target is None:
            return
        for n, draft in enumerate(self.drafts):
            if draft.main == head.i and draft.target is None:
                self.drafts[n] = replace(draft, target=target)

    def run(self) -> list[Draft]:
        for tok in self.sent:
            if tok.pos_ != "VERB" or tok.i in self.used:
                continue
            lemma = self.lemma(tok)
            frame = self.p.frames.get(lemma)
            act: Act | None = None
            if lemma == "plead" and any(c.lower_ in ("guilty", "innocent") for c in tok.subtree):
                continue  # "pleaded guilty to criminal charges": an admission, not an appeal
            if lemma == "order" and frame is not None:
                act = self.ordered_act(tok)  # an authority's order to jail or to levy tariffs is the act itself
            if act is not None:
                pass
            elif frame is not None and frame.frame != "say" and (frame.frame != "plan" or lemma in INTENT_PLAN):
                act = self.frame_act(tok, frame)
            elif lemma == "tell" and "ask" in self.p.frames and any(
                    c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in tok.children):
                act = self.frame_act(tok, self.p.frames["ask"])  # "told Israel to withdraw": an appeal
            if act is None and (frame is None or frame.frame in ("say", "plan")):
                act = self.verb_act(tok)
            if act is None and frame is not None and frame.frame == "say":
                act = self.prescription_act(tok, frame)
            if act is None:
                continue
            if act.pattern_id.startswith(FALLBACK) and not act.future:
                # the CAMEO verb table alone: on judged real news four in five such events were no events
                # ("need approval", "deal with disputes", "persuade voters"); it still codes the act a frame
                # embeds ("agreed to allow")
                continue
            if act.cameo[:2] in ("18", "19", "20") and _consequence_of(
                    tok, self.conflict_triggers, loose=act.pattern_id == "assault.kill"):
                self._lend_target(tok, act)  # "carried out air strikes in Mosul, killing IS fighters"
                continue  # "attacked the base, killing 17 soldiers": one event, not two
            if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                   for c in tok.children):  # "will withdraw unless the president holds elections"
                act = replace(act, target=self.counterpart(act.target, tok, tok, "threaten"))
            if (act.target is None or not self._coded(act.target)) and tok.dep_ == "conj" \
                    and act.cameo[:2] not in MATERIAL_CONFLICT:
                # "accused Tokyo of failing and threatened retaliatory action": the same counterpart
                first = direct_object(tok.head) if tok.head.pos_ == "VERB" and not is_passive(tok.head) else None
                own, theirs = subject_of(tok), subject_of(tok.head)
                if first is not None and self._coded(first) and own is not None and theirs is not None \
                        and own.i == theirs.i:
                    act = replace(act, target=first)
            self.used.update(act.used)
            if act.cameo[:2] in ("17", "18", "19", "20"):
                self.conflict_triggers.add(tok.i)
            self.emit(act, act.source or subject_of(tok), tok)
        for tok in self.sent:
            if tok.pos_ not in ("NOUN", "PROPN") or tok.i in self.used:
                continue
            pattern = self.noun_pattern(tok)
            fight = _lemma(tok) in MUTUAL_FIGHTS or _lemma(tok) == "exchange" and any(
                _lemma(g) in FIRE_WORDS for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children)
            if fight and pattern is None:
                pattern = self.p.noun("clash")  # "an exchange of fire between": the act a clash is
            if (pattern is not None and (pattern.reciprocal and _noun_code(pattern, tok)[:2] == "04" or fight)
                    and tok.i not in self.used):
                between = prep_object(tok, ("between",))
                if between is not None and self.lemma(tok.head) in CANCELLING and tok.dep_ in ("nsubjpass", "dobj"):
                    continue  # "talks between Iran and Iraq were cancelled": no meeting
                if between is not None and self._parties(between) > 1:
                    # "talks between France and Iran have made progress", "clashes between Iranian and Iraqi
                    # troops": each party with the other
                    act = Act("190" if fight else _noun_code(pattern, tok), None, pattern, pattern.id, tok, (tok.i,),
                              pattern.confidence, reciprocal=True)
                    self.used.add(tok.i)
                    self.emit(act, between, tok.head if tok.head.pos_ == "VERB" else tok)
                    continue
            if pattern is None or pattern.needs_light:
                continue
            act = self.noun_act(tok, None)
            if act is None:
                continue
            if act.target is None and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i in self.conflict_triggers:
                continue  # "air strikes hit Gaza": the verb's event already, with the strikes as its actor
            src = noun_source(tok)
            if src is None or src.pos_ == "PRON":
                continue
            if src.dep_ == "poss" and _lemma(tok) in PLACE_WARS and self.actors.is_place(src):
                continue  # "Lebanon's war": where it is fought, not who fights it
            if src.dep_ in ("compound", "amod", "nmod") and (
                    self.actors.entry_at(src) is None or _lemma(src) in pattern.modifiers):
                continue  # "military operations": the modifier is not an actor
            if act.target is None and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during", "by"):
                verb = tok.head.head
                if verb.pos_ == "VERB" and is_passive(verb):  # "four people were killed in Israeli shelling"
                    victim = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
                    if victim is not None:
                        act = Act(act.cameo, victim, act.pattern, act.pattern_id, act.trigger, act.used,
                                  act.confidence)
            if act.cameo[:2] in ("18", "19", "20") and act.target is None and not (
                    {_lemma(c) for c in tok.children} & ARMED_STRIKES):
                continue  # "the U.S. attack represents a shift": a reference, no attack on anyone
            self.used.update(act.used)
            self.emit(act, src, tok.head if tok.head.pos_ == "VERB" else tok)
        return self.drafts


def _non_political(sent: SpacySpan) -> bool:
    """Whether a sentence speaks of sport or entertainment ("the striker", "the film", "the album")."""
    return any(t.lemma_.lower() in NON_POLITICAL for t in sent)


def _per_member(actor: Actor) -> list[Actor]:
    """An ad-hoc group ("the partners", a list named earlier) acts as each of its members: one event per member,
    each source carrying the member's country and code and the whole group in ``members``. A standing group with
    its own code (NATO, the EU) acts as itself, with its members listed."""
    if actor.code is not None or not actor.members:
        return [actor]
    return [replace(actor, name=m.name or m.text, country=m.country, sector=m.sector, code=m.code,
                    entry=f"group:{actor.text}") for m in actor.members]


def _consequence_of(verb: Token, triggers: set[int], loose: bool = False) -> bool:
    """Whether a violent verb only spells out the result of an act already coded in its sentence
    ("stormed a base, killing five officers and injuring 22")."""
    node = verb
    if loose and node.dep_ == "conj" and node.head.i in triggers:  # "attacked a base and killed 26 soldiers"
        return True
    while node.dep_ == "conj" and node.head is not node:  # "killing five and injuring 22"
        node = node.head
    if node.dep_ != "advcl" or node.tag_ != "VBG":
        return False
    head = node.head
    for _ in range(4):
        if head.i in triggers:
            return True
        if head.dep_ in ("conj", "xcomp") and head.head is not head:
            head = head.head
            continue
        break
    return False


def _generic(actor: Actor) -> bool:
    """Whether an actor is people in general ("people", "civilians", "voters") with no country."""
    return actor.sector in ("PPL", "CVL") or (actor.code or "")[3:6] in ("PPL", "CVL")


def _business(actor: Actor) -> bool:
    """Whether an actor is a company or business people (sector BUS, or a multinational's MNC code)."""
    return actor.sector == "BUS" or (actor.code or "").startswith("MNC")


def _untyped(pattern: Pattern | None) -> Pattern | None:
    """A pattern whose own PLOVER type and mode give way to those of a recoded act's CAMEO code."""
    return replace(pattern, type=None, mode=None) if pattern is not None else None


def _of_chain(tok: Token) -> list[Token]:
    """A phrase head and the heads of its "of" phrases: "tens of thousands of students in Jakarta"."""
    out = [tok]
    for _ in range(2):
        nxt = prep_object(out[-1], ("of",))
        if nxt is None:
            break
        out.append(nxt)
    return out


def _dative(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "dative" and child.pos_ in ("NOUN", "PROPN"):
            return child
    return None


def _actorish(tok: Token, actors: SentenceActors | None = None) -> bool:
    """Whether a phrase head can be an actor: a name, or (with ``actors``) a phrase that resolves to one."""
    if actors is not None:
        actor = actors.resolve(tok)
        return actor is not None and (actor.code is not None or bool(actor.members)
                                      or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"))
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or tok.pos_ == "NOUN"


def _shared_object(verb: Token) -> Token | None:
    """The object of coordinated verbs sits on the last one ("persecuted, killed and enslaved minorities")."""
    node = verb
    for _ in range(6):
        nxt = next((c for c in node.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
        if nxt is None:
            break
        node = nxt
        for child in node.children:
            if child.dep_ in ("dobj", "obj"):
                return child
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            break
    return None


def _antecedent(pron: Token) -> Token | None:
    """A pronoun subject of a reported clause refers to the speaker ("X announced they had agreed"), unless the
    text names whom it means in an apposition ("They (the Kuwaitis) have asked")."""
    named = next((c for c in pron.children if c.dep_ == "appos" and c.pos_ in ("PROPN", "NOUN")), None)
    if named is not None:
        return named
    node = pron.head
    for _ in range(4):
        if node.dep_ in ("ccomp", "xcomp") and node.head.pos_ == "VERB":
            head = node.head
            for child in head.children:
                if child.dep_ == "nsubj" and child.lower_ not in PRONOUN_SUBJECTS:
                    return child
            node = head
            continue
        break
    return None


def extract(sent: SpacySpan, patterns: PatternSet, actors: SentenceActors, *, strict: bool = True) -> list[Draft]:
    """Return the event drafts of one parsed sentence.

    With ``strict`` (the default), an act whose source the dictionaries cannot resolve is not an event.
    """
    return _Sentence(sent, patterns, actors, strict).run()
