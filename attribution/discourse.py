"""What the text has named so far, so "she", "the company", "the people" and "one of them" can be
resolved to the nearest compatible antecedent.

Preference, from the BASIL probe (docs/research/offline-nlp-for-attribution.md): the most recent
*speaker* or grammatical subject of the right kind and gender beats a mere mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .lexicon import Lexicon
from .model import ORGANISATION, OUTLET, PERSON, UNNAMED, Source
from .phrases import UNRESOLVED

# Common given names with a clear gender, to let "she" skip "John Smith". Our own short list.
_FEMALE = set(
    "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra "
    "ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura "
    "cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine christine "
    "debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce victoria olivia kelly "
    "christina lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa "
    "kathryn sara janice jean alice madison doris abigail julia judy grace denise amber marilyn beverly "
    "danielle theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla hillary kamala "
    "elizabeth nikki kirsten tulsi ilhan alexandria rashida ayanna dianne lindsey susan lisa kellyanne sarah "
    "hope ivanka melania michelle betsy elaine kirstjen gina janet condoleezza madeleine theresa angela ursula "
    "christine jacinda marine giorgia ольга анна мария елена татьяна наталья ирина светлана юлия екатерина "
    "марина валентина людмила галина вероника дарья ксения алла олена оксана наталія юлія ірина тетяна".split()
)
_MALE = set(
    "james robert john michael william david richard joseph thomas charles christopher daniel matthew anthony "
    "mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan "
    "jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander "
    "frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle "
    "ethan walter noah jeremy christian keith roger terry gerald harold sean austin carl arthur lawrence "
    "dylan jesse jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy "
    "vincent ralph eugene russell bobby mason philip louis barack mitt bernie mitch chuck ted marco rand "
    "jeb mike newt rudy rex jared steve reince sean jim lindsey beto pete cory elon jensen tim satya sundar "
    "xi vladimir volodymyr emmanuel olaf boris rishi keir justin narendra recep benjamin kim moon yoon "
    "владимир дмитрий сергей алексей андрей михаил николай александр иван петр павел юрий виктор олег "
    "игорь евгений антон максим илья денис константин владимир володимир олександр дмитро сергій андрій "
    "михайло микола іван петро юрій віктор олег ігор".split()
)


@dataclass
class Entity:
    source: Source
    gender: str = ""
    last: int = -1
    last_subject: int = -1
    last_speaker: int = -1

    @property
    def salience(self) -> int:
        # A speaker or subject is what a pronoun most often means; a bare mention counts a little.
        return max(self.last_speaker, self.last_subject, self.last - 400)


def _key(source: Source) -> str:
    if source.name:
        return source.kind + ":" + source.name.lower().split()[-1]
    return source.kind + ":" + (source.description or source.phrase).lower()


def _full_key(source: Source) -> str:
    return source.kind + ":" + " ".join((source.name or "").lower().split())


def _given(name: str | None) -> str:
    """The given name of "Liz Cheney" ("liz"); "" for one word, an honorific or an initial."""
    words = (name or "").split()
    if len(words) < 2:
        return ""
    first = words[0].strip(",").lower()
    if len(first.rstrip(".")) <= 1 or first.rstrip(".") in _ADDRESS:
        return ""
    return first


# Public bodies whose names carry the word ("the ministry": the Ministry of Health; "the court": the
# Supreme Court): a description with one of these heads means only an organisation so named.
_NAMED_BODIES = frozenset(
    "ministry department agency court embassy committee commission council parliament army "
    "ministerium behörde gericht botschaft".split()
)

_ADDRESS = frozenset("mr mrs ms miss dr sen rep gov gen prof president senator".split())


def _other_person(entity: Entity, source: Source) -> bool:
    """Two people of one surname ("Liz Cheney", "Mary Cheney"): both given names known, and different."""
    if source.kind != PERSON or entity.source.kind != PERSON:
        return False
    a, b = _given(entity.source.name), _given(source.name)
    return bool(a and b and a != b)


def given_name_gender(name: str | None) -> str:
    if not name:
        return ""
    first = name.split()[0].lower().strip(".,")
    if first in _FEMALE:
        return "f"
    if first in _MALE:
        return "m"
    return ""


class Memory:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.entities: dict[str, Entity] = {}

    def note(
        self, source: Source, pos: int, *, subject: bool = False, speaker: bool = False, gender: str = ""
    ) -> None:
        if source.kind == UNRESOLVED or not (source.name or source.description):
            return
        key = _key(source)
        entity = self.entities.get(_full_key(source)) if source.kind == PERSON else None
        entity = entity or self.entities.get(key)
        if entity is not None and _other_person(entity, source):
            # a second person of that surname: each is kept under the full name, the surname alone
            # meaning the one named last
            self.entities[_full_key(entity.source)] = entity
            entity = self.entities.get(_full_key(source))
            if entity is None:
                entity = Entity(replace(source, cue="", resolved_from=""))
                entity.gender = gender or given_name_gender(source.name)
                self.entities[_full_key(source)] = entity
            self.entities[key] = entity
        elif entity is not None and entity.source.kind == PERSON and _given(source.name):
            self.entities[key] = entity  # "Liz Cheney" again: the surname means her from here on
        if entity is None:
            entity = self.entities[key] = Entity(replace(source, cue="", resolved_from=""))
            entity.gender = gender or given_name_gender(source.name) if source.kind == PERSON else ""
        else:
            # Keep the fullest name and a role once learnt: "Mrs. Clinton" after "Hillary Clinton".
            if speaker and source.name and entity.last_speaker < 0:
                # the form a speaker was credited under beats a mention's ("Ритвик Гупта", not "Ритвика")
                entity.source = replace(entity.source, name=source.name)
            elif source.name and len(source.name.split()) > len((entity.source.name or "").split()):
                entity.source = replace(entity.source, name=source.name)
            if source.role and not entity.source.role:
                entity.source = replace(entity.source, role=source.role)
            if source.affiliation and not entity.source.affiliation:
                entity.source = replace(entity.source, affiliation=source.affiliation)
            if gender and not entity.gender:
                entity.gender = gender
        entity.last = max(entity.last, pos)
        if subject:
            entity.last_subject = max(entity.last_subject, pos)
        if speaker:
            entity.last_speaker = max(entity.last_speaker, pos)

    def _distinct(self) -> list[Entity]:
        """Each entity once (a person of a shared surname is under the full name and the surname)."""
        return list({id(e): e for e in self.entities.values()}.values())

    def full_name(self, source: Source) -> Source:
        """ "Roe said" after "Jane Roe": the person under the fullest name the text gave them."""
        name = source.name or ""
        if source.kind != PERSON or len(name.split()) != 1 or source.source_id is not None:
            return source
        known = self.entities.get(PERSON + ":" + name.lower())
        if known is None or len((known.source.name or "").split()) < 2:
            return source
        return replace(source, name=known.source.name)

    def last_active(self, source: Source) -> int:
        """Where the entity `source` names last spoke or was a subject (-1: never, or not known)."""
        entity = self.entities.get(_key(source)) if source.name or source.description else None
        return max(entity.last_speaker, entity.last_subject) if entity is not None else -1

    def as_person(self, source: Source) -> Source:
        """A speaker the parser took for an organisation ("Fox said", "Felipe Calderon") who is a person:
        a known person of that last name, or a name that starts with a given name."""
        name = source.name or ""
        words = (source.phrase or name).split() if source.kind == OUTLET else name.split()
        if not words or source.source_id is not None:
            return source
        if source.kind == OUTLET:
            # "sagte Spiegel" after "Ministerin Anne Spiegel": the person, not the magazine
            person = self.entities.get(PERSON + ":" + words[-1].lower())
            return replace(source, kind=PERSON, name=person.source.name) if person is not None else source
        person = self.entities.get(PERSON + ":" + words[-1].lower())
        if person is not None or (len(words) >= 2 and given_name_gender(name)):
            full = (
                person.source.name
                if person is not None and len(person.source.name or "") > len(name)
                else name
            )
            return replace(source, kind=PERSON, name=full)
        return source

    def surname(self, source: Source) -> Source:
        """Korean news names a person once in full and then by surname and role ("정연국 대변인" … "정
        대변인"): a one-syllable Hangul name is the latest person named in full with that surname."""
        name = source.name or ""
        if source.kind != PERSON or len(name) != 1 or not ("\uac00" <= name <= "\ud7a3"):
            return source
        known = [
            e
            for e in self._distinct()
            if e.source.kind == PERSON
            and (e.source.name or "").startswith(name)
            and 2 <= len(e.source.name or "") <= 4
        ]
        if not known:
            return source
        best = max(known, key=lambda e: e.last)
        return replace(
            source, name=best.source.name, affiliation=source.affiliation or best.source.affiliation
        )

    def resolve(self, source: Source, pos: int) -> Source | None:
        """The antecedent a pronoun or description means, as a Source carrying the words it resolved."""
        phrase = source.phrase.strip()
        low = phrase.lower()
        bare = re.sub(r"^(?:the|this|that|der|die|das|des|dem|den)\s+", "", low)
        wanted, gender, role_word = self._wanted(low, bare)
        if wanted is None:
            return None
        candidates = []
        for entity in self._distinct():
            s = entity.source
            if entity.last > pos:
                continue
            if wanted == PERSON:
                ok = s.kind == PERSON or (s.kind == UNNAMED and s.count == 1)
                if ok and gender and entity.gender and entity.gender != gender:
                    ok = False
            elif wanted == "plural":
                ok = (s.kind == UNNAMED and s.count != 1) or s.kind in (ORGANISATION, OUTLET)
            elif wanted == "group":
                ok = s.kind == UNNAMED and s.count != 1
            elif wanted == ORGANISATION:
                ok = s.kind in (ORGANISATION, OUTLET) if role_word is None else s.kind == ORGANISATION
                if ok and role_word in _NAMED_BODIES and role_word not in (s.name or "").lower():
                    ok = False  # "the ministry" is no company named before: a ministry's name says so
            else:
                ok = s.kind == wanted
            if not ok:
                continue
            score = entity.salience
            if role_word and (
                role_word in (s.role or "").lower()
                or role_word in (s.name or "").lower()
                or role_word in (s.description or "").lower()
            ):
                score += 10_000  # "the spokesman" is the one called spokesman
            candidates.append((score, entity))
        if not candidates:
            return None
        _, entity = max(candidates, key=lambda c: c[0])
        out = replace(
            entity.source,
            cue=source.cue,
            phrase=source.phrase,
            start=source.start,
            end=source.end,
            resolved_from=phrase,
        )
        if re.match(r"^(?:one|each) of\b", low) and out.kind == UNNAMED:
            out = replace(out, count=1)
        if gender and entity.source.kind == PERSON and not entity.gender:
            entity.gender = gender
        return out

    def _wanted(self, low: str, bare: str) -> tuple[str | None, str, str | None]:
        lex = self.lex
        for form in (low, bare):
            if form in lex.pronouns:
                kind, gender = lex.pronouns[form]
                return kind, gender, None
        if re.match(r"^(?:one|some|two|both|each|several|many|none) of (?:them|those|the)\b", low):
            return "group", "", None
        head = bare.split()[-1] if bare.split() else bare
        if lex.language == "de" and head not in lex.descriptions and head.endswith("s"):
            # a genitive: "des Konzerns", "des Ministeriums"
            head = next((head[:-n] for n in (1, 2) if head[:-n] in lex.descriptions), head)
        kind = lex.descriptions.get(bare) or lex.descriptions.get(head)
        if kind is None and not lex.spaced:
            for d, k in lex.descriptions.items():
                if d in low:
                    kind, head = k, d
                    break
        if kind is None:
            return None, "", None
        if kind == "plural":
            return "group", "", None
        gender = "f" if head.endswith(("woman", "wife", "ess")) else ("m" if head.endswith("man") else "")
        return kind, gender, head.rstrip("s") if kind != OUTLET else None
