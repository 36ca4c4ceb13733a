"""Where a sentence credits someone: the cue, the words naming the source, nested "citing" sources.

Two finders with one output (`Cue`): the regular-expression cue path, which runs for every language with
nothing installed, and (english.py, russian.py, chinese.py) parser and word paths where one ships offline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .lexicon import Lexicon

_PUNCT_STOP = re.compile(r"[,;:.!?\"«»“”„()\[\]—–]|\s-\s")
_CJK_STOP = re.compile(r"[，。；：！？、“”「」『』（）《》\s,;:!?\"]")
_CJK_NAME_STOP = re.compile(r"[，。；：！？、“”「」『』,;:!?\"]")


@dataclass
class Cue:
    cue: str
    cue_start: int
    cue_end: int
    src_start: int
    src_end: int
    report: bool = False  # a reporting cue ("reported", "according to"): the source may be the story's origin
    inner: list[tuple[int, int, str]] = field(default_factory=list)  # deeper sources: (start, end, cue)
    listener: tuple[int, int] | None = None  # "told the FT": who the source told
    subject: bool = True  # the source is the verb's grammatical subject
    ents: list[tuple[int, int, str]] = field(default_factory=list)  # parser entity labels in the sentence
    how: str = "cue"
    sources: list | None = None  # the chain, where the finder resolved it itself (chinese.py)
    heard: bool = False  # the cue names whom the speaker spoke to ("speaking to X"): a link only as an outlet


# "a report in the FT", "a statement from the ministry", "an interview with Reuters": the preposition
# after a document noun goes on to its source.
_DOCUMENTS = frozenset(
    "report reports statement statements article story interview letter filing post document analysis survey "
    "poll study investigation memo note briefing release".split()
)


def _forward(text: str, start: int, end: int, lex: Lexicon, max_words: int = 10) -> int:
    """Where a source phrase starting at `start` ends: punctuation, a stop word, or a word limit."""
    if not lex.spaced:
        m = _CJK_STOP.search(text, start, min(end, start + 30))
        return m.start() if m else min(end, start + 20)
    stop = _PUNCT_STOP.search(text, start, end)
    # a quoted name ("газета «Вечерний курьер»") is part of the phrase: skip to its closing mark
    while stop and stop.group() in '«„“"' and stop.start() > start:
        close = re.compile(r"[»“”\"]").search(text, stop.end(), min(end, stop.end() + 80))
        if not close:
            break
        stop = _PUNCT_STOP.search(text, close.end(), end)
    if stop and stop.start() == start and stop.group() in '«„“"':
        close = re.compile(r"[»“”\"]").search(text, stop.end(), min(end, stop.end() + 80))
        stop = _PUNCT_STOP.search(text, close.end(), end) if close else stop
    limit = stop.start() if stop else end
    # "the F.B.I." and "Mr. Smith": a dot after a capital or an honorific does not end the phrase
    while (
        stop
        and stop.group() == "."
        and re.search(r"(?:\b[A-Z]|Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Jr)\Z", text[start : stop.start()])
    ):
        stop = _PUNCT_STOP.search(text, stop.end(), end)
        limit = stop.start() if stop else end
    words = list(re.finditer(r"\S+", text[start:limit]))
    stops = {w.lower() for w in lex.stop_words}
    cut = limit
    for i, w in enumerate(words):
        if i >= max_words:
            cut = start + w.start()
            break
        if (
            i >= 1
            and w.group().lower() in stops
            and words[i - 1].group().lower().strip(",") not in _DOCUMENTS
        ):
            cut = start + w.start()
            break
    return cut


# A short quoted name inside a phrase: «Роснефти», „Spiegel“, "Nafta Co" (capitalised, no punctuation).
_QUOTED_NAME = re.compile(r"(?:(?<=\s)|^)[«„“\"](?=[A-ZА-ЯЁІЇЄҐ0-9])[^«»„“”\",.;:!?]{1,50}[»“”\"](?=\s|$)")


def _backward(text: str, start: int, end: int, lex: Lexicon, max_words: int = 8) -> int:
    """Where a source phrase ending at `end` begins: punctuation, a quote, or a word limit."""
    if not lex.spaced:
        lo = max(start, end - 20)
        stops = list(_CJK_NAME_STOP.finditer(text, lo, end))
        return stops[-1].end() if stops else lo
    seg = text[start:end]
    cut = start
    names = [(q.start(), q.end()) for q in _QUOTED_NAME.finditer(seg)]
    for m in _PUNCT_STOP.finditer(seg):
        if any(a <= m.start() < b for a, b in names):
            continue  # "Пресс-служба «Роснефти» сообщила": a quoted name is part of the phrase
        if m.group() == "." and re.search(
            r"(?:\b[A-Z]|Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Jr)\Z", seg[: m.start()]
        ):
            continue
        cut = start + m.end()
    words = list(re.finditer(r"\S+", text[cut:end]))
    if len(words) > max_words:
        cut = cut + words[-max_words].start()
    return cut


@cache
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


def regex_cues(text: str, start: int, end: int, lex: Lexicon) -> list[Cue]:
    """The cue path: lexicon patterns over one sentence."""
    cues: list[Cue] = []
    report = lex.pattern(lex.report)
    taken: list[tuple[int, int]] = []
    for m in _compiled(lex.possessive).finditer(text, start, end):
        # "По его словам, …": the pronoun inside the cue is the source, resolved like any "he"
        cues.append(Cue(m.group(), m.start(), m.end(), m.start("src"), m.end("src"), subject=False))
        taken.append(m.span())
    possessive = list(taken)
    for m in lex.pattern(lex.before_source).finditer(text, start, end):
        if any(x <= m.start() < y for x, y in possessive):
            continue
        if (
            lex.language == "en"
            and _TOLD.match(m.group())
            and re.search(r"[^\W\d_]\.?\s+$", text[start : m.start()])
        ):
            continue  # "Mr. Hale told Mr. Dorn …", "he told Reuters": a speaker before, the listener after
        a = m.end()
        if not lex.spaced and m.group() in ("据", "據", "根据", "根據"):
            if text.startswith(_ZH_NO_SOURCE, a):
                continue  # "据悉", "據了解": no source named
            # 据X报道 / 据X称: the source runs to the reporting verb (through a citing verb: 据X援引Y报道)
            t = _cjk_tail(lex).search(text, a, min(end, a + 30))
            b = t.start() if t else _forward(text, a, end, lex)
        elif (
            not lex.spaced and m.group() in lex.citing and _backward(text, start, m.start(), lex) < m.start()
        ):
            # "彭博社援引知情人士报道": a citing verb after a subject; the phrase is subject + cited source
            a = _backward(text, start, m.start(), lex)
            t = _cjk_tail(lex).search(text, m.end(), min(end, m.end() + 30))
            b = t.start() if t else _forward(text, m.end(), end, lex)
        else:
            b = _forward(text, a, end, lex)
        if b <= a:
            continue
        cues.append(
            Cue(
                m.group(),
                m.start(),
                m.end(),
                a,
                b,
                report=bool(report.fullmatch(m.group())) or True,
                subject=False,
            )
        )
        taken.append((m.start(), b))
    previous_end = -1
    for m in lex.pattern(lex.after_source).finditer(text, start, end):
        if any(x <= m.start() < y for x, y in taken):
            continue
        if not lex.spaced and m.start() == previous_end:
            previous_end = m.end()
            continue  # "回应称", "報導指出", "发文称": one cue written in two verbs
        previous_end = m.end()
        b = _before_insertion(text, start, m.start(), lex)
        a = _backward(text, start, b, lex)
        heard_zh = None
        if not lex.spaced and lex.language == "zh":
            b, heard_zh = _zh_listener(text, a, b)
        is_report = bool(report.fullmatch(m.group()))
        if not lex.spaced and m.group() in ("援引",):
            continue  # handled as before_source
        if lex.language == "ko" and m.group() == "에 따르면":
            a, b = start + _backward_ko(text[start : m.start()]), m.start()
            doc = _KO_DOCUMENT.search(text, a, b)
            if doc and doc.start() > a:
                b = doc.start()  # "한국은행 보고서에 따르면": the bank, whose report it is
        elif lex.language == "ko":
            a, b = _korean_subject(text, start, m.start())
            heard = _korean_listener(text, b, m.start())
            if heard is not None and b - a >= 1:
                cues.append(Cue(m.group(), m.start(), m.end(), a, b, report=is_report, listener=heard))
                continue
        elif (
            lex.language in ("ru", "uk")
            and m.group().lower().endswith(("вши",) if lex.language == "uk" else ("в", "вши"))
            and text[a:b].strip() == ""
        ):
            a, b = _clause_subject(text, start, m.start(), lex)  # "X отказался …, отметив, что": X
        about = lex.language in ("ru", "uk") and _ABOUT.match(text[a:b].strip())
        if b - a >= 1 and text[a:b].strip() and not about:
            cues.append(
                Cue(
                    m.group(),
                    m.start(),
                    m.end(),
                    a,
                    b,
                    report=is_report,
                    listener=heard_zh or listener_after(text, m.end(), end, lex),
                )
            )
            continue
        if m.group().lower() in {w.lower() for w in lex.inverted}:
            a2 = m.end()
            heard = listener_after(text, m.end(), end, lex)
            if heard and text[heard[0]] in '«„“"' and text[a2 : heard[0]].strip() == "":
                a2 = heard[1]  # "сообщил «Интерфаксу» Игорь Петров": the speaker after whom he told
            else:
                heard = None
            b2 = _forward(text, a2, end, lex)
            if b2 > a2 and text[a2:b2].strip():
                cues.append(Cue(m.group(), m.start(), m.end(), a2, b2, report=is_report, listener=heard))
    if lex.language == "ko":
        cues = _korean_clauses(text, start, cues)
    return cues


_KO_DOCUMENT = re.compile(r"\s+(?:보고서|자료|발표|조사|통계|성명|보도|집계|설명|분석|추산|기사)\s*$")


def _korean_clauses(text: str, start: int, cues: list[Cue]) -> list[Cue]:
    """The verb closing the sentence carries it; a 라고 / 말했다 before it is inside its complement. Inside
    that complement, a speech verb in its quoted form with a subject of its own ("김 장관이 …고 말했다고
    로이터통신이 보도했다") is what the closing verb's source relays: the deeper link. "X를 인용해" names
    the source the closing verb's subject cites."""
    citing = [c for c in cues if c.cue in ("인용해", "인용한")]
    verbs = [c for c in cues if c.cue not in ("에 따르면", "인용해", "인용한")]
    if not verbs:
        return cues
    last = max(verbs, key=lambda c: c.cue_start)
    for c in verbs:
        if (
            c is last
            or c.cue in _KO_NOT_RELAYED
            or not re.match(r"[\"”’']?고(?!\S)", text[c.cue_end : c.cue_end + 3])
            or c.listener is not None
        ):
            continue
        inner = _korean_subject(text, start, c.cue_start)
        if inner[1] > inner[0] and not _overlap(inner, (last.src_start, last.src_end)):
            last.inner.append((inner[0], inner[1], c.cue))
            break
    for c in citing:
        cited = _korean_object(text, start, c.cue_start)
        if cited is not None and last.cue_start > c.cue_end and not last.inner:
            last.inner.append((cited[0], cited[1], c.cue))
            cues = [x for x in cues if x is not c]
    return [c for c in cues if c not in verbs or c is last]


# Verbs in a complement that are no relayed speech: an outlet's report is what the complement is about
# ("WSJ가 잘못 보도했다고 백악관이 밝혔다": the White House's claim), 라고 only marks the quote.
_KO_NOT_RELAYED = frozenset(("보도했다", "라고", "이라고"))


def _overlap(x: tuple[int, int], y: tuple[int, int]) -> bool:
    return x[0] < y[1] and y[0] < x[1]


def _korean_object(text: str, start: int, cue_at: int) -> tuple[int, int] | None:
    """ "소식통을 인용해", "익명의 관리들을 인용해": the noun phrase in the object case before the verb."""
    seg = text[start:cue_at]
    words = list(re.finditer(r"\S+", seg))
    if not words or not re.search(r"[을를]$", words[-1].group()):
        return None
    a = words[-1].start()
    b = words[-1].end() - 1
    for k in range(len(words) - 2, max(-1, len(words) - 4), -1):
        prev = words[k].group()
        if (
            prev in _KO_STOP
            or re.search(r"[,.\"“”]", prev)
            or (_KO_NOT_NP.search(prev) and not prev.endswith("의") and prev not in _KO_COUNTS)
        ):
            break
        if re.search(r"(?:은|는|이|가)$", prev) and prev not in _KO_COUNTS:
            break
        a = words[k].start()
    return (start + a, start + b) if b > a else None


_ZH_NO_SOURCE = ("悉", "了解", "瞭解", "传", "傳")
# "接受新华社采访时", "对路透社记者", "向彭博社": the outlet the speaker told, inside the phrase before the cue.
_ZH_TOLD = re.compile(r"(?:在)?(?:接受|对|對|向)(?!此|于|於|外|方)")
_ZH_TOLD_END = re.compile(r"(?:的)?(?:记者|記者|采访|採訪|专访|專訪|访问|訪問|电话|電話|时|時|[，。,])")


def _cjk_tail(lex: Lexicon) -> re.Pattern:
    return _tail_pattern(lex.after_source, lex.citing)


@cache
def _tail_pattern(after: tuple[str, ...], citing: tuple[str, ...]) -> re.Pattern:
    words = [w for w in after if w not in citing]
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def _zh_listener(text: str, a: int, b: int) -> tuple[int, tuple[int, int] | None]:
    """ "黄志明接受新华社采访时表示": the speaker ends before 接受 / 对 / 向, the outlet told comes after it
    (as on the word path; "告诉路透社" names no listener there either: in the outlet's own story it is the
    reporter)."""
    told = _ZH_TOLD.search(text, a + 1, b) if b - a > 2 else None
    if told is None:
        return b, None
    stop = _ZH_TOLD_END.search(text, told.end(), b)
    close = stop.start() if stop else b
    return told.start(), ((told.end(), close) if close > told.end() else None)


_LISTENER = re.compile(
    # "told Reuters", "рассказали «Ведомостям»", "сказали журналістам РБК", "told reporters from X"
    r"\s*(?:(?:журналистам|журналістам|корреспонденту|корреспондентам|кореспонденту|кореспондентам"
    r"|(?:reporters|journalists|a reporter|a journalist)\s+(?:from|of|at|for))\s+)?"
    r"([«„“\"][^»“”\"]{2,60}[»“”\"]|(?:the\s+)?[A-ZА-ЯЁІЇЄ][\w.-]*(?:\s+[A-ZА-ЯЁІЇЄ][\w.-]*){0,3})\s*"
    # (a quoted name may be followed by the speaker: "сообщил «Интерфаксу» Игорь Петров")
    r"(?=[,.;:]|\s(?:что|що|that|dass)\b|(?<=[»“”\"])\s)"
)
# "заявил в интервью РБК", "сказала в эфире «Эха»", "розповів в інтерв'ю Укрінформу": whom any speech
# verb's speaker talked to.
_INTERVIEW = re.compile(
    r"\s*(?:в|во|у)\s+(?:(?:эксклюзивном\s+|ексклюзивному\s+)?(?:интервью|інтерв['’ʼ]ю)|беседе\s+с|разговоре\s+с"
    r"|розмові\s+з|эфире|ефірі)\s+"
    r"([«„“\"][^»“”\"]{2,60}[»“”\"]|[A-ZА-ЯЁІЇЄ][\w.-]*(?:\s+[A-ZА-ЯЁІЇЄ][\w.-]*){0,3})",
)
_TOLD = re.compile(
    r"^(?:told|рассказал|рассказала|рассказали|сказал|сказала|сказали|заявил|заявила|заявили|сообщил|сообщила|сообщили|розповів|розповіла|розповіли|сказав|заявив|повідомив|sagte|sagten)$",
    re.I,
)


def listener_after(text: str, at: int, end: int, lex: Lexicon) -> tuple[int, int] | None:
    """ "рассказали «Ведомостям»", "told Reuters": whom the source told, right after the verb."""
    if lex is not None and lex.language in ("ru", "uk"):
        m = _INTERVIEW.match(text, at, end)
        if m:
            return m.start(1), m.end(1)
    if not _TOLD.match(text[max(0, at - 12) : at].split()[-1] if text[max(0, at - 12) : at].split() else ""):
        return None
    m = _LISTENER.match(text, at, end)
    return (m.start(1), m.end(1)) if m else None


# "연합뉴스와의 인터뷰에서", "이 신문과의 통화에서", "연합뉴스에 말했다", "연합뉴스 기자에게": whom the speaker told.
_KO_LISTENER = re.compile(
    r"(?:^|\s)(?P<np>(?:이 )?[^\s\"“”'\u0000]{2,20}?)(?:와의|과의|와|과)\s?(?:단독\s?)?(?:인터뷰|통화|전화\s?통화|전화\s?인터뷰|회견)(?:에서|를 통해)"
    r"|(?:^|\s)(?P<np2>[^\s\"“”'\u0000]{2,20}?)(?:\s기자)?(?:에게|에)(?=\s*\u0000)"
    r"|^(?:측은|은|는|이|가)?\s*(?:(?:이날|\d+일|지난|오늘|어제)\s+)*(?P<np3>[^\s\"“”'\u0000]{2,20}?)(?:\s기자)?(?:에게|에)(?=\s)"
)


def _korean_listener(text: str, after_subject: int, cue_at: int) -> tuple[int, int] | None:
    """Between the speaker and the closing verb, outside quotes: the outlet the speaker told, if any
    (the reader keeps it only when it names an outlet)."""
    seg = _KO_QUOTED.sub(lambda m: "\u0000" * len(m.group()), text[after_subject:cue_at])
    for m in _KO_LISTENER.finditer(seg):
        group = next(g for g in ("np", "np2", "np3") if m.group(g))
        return after_subject + m.start(group), after_subject + m.end(group)
    return None


# Before a verb, what was said about, not who said it: "Об этом «Интерфаксу» сообщил X", "Про це заявив X".
_ABOUT = re.compile(r"(?:об|о|обо|про)\s", re.I)

_FINITE = {
    "ru": re.compile(r"^\w+(?:лся|лась|лись|лось|ла|ли|ло|л|ет|ут|ют|ит|ят|ется|ются)$", re.I),
    # Ukrainian past "відмовився", "заявив", present "відмовляється", "каже"
    "uk": re.compile(r"^\w+(?:вся|лася|лися|лося|ла|ли|ло|в|ється|ються|ає|ує|є|ють|ить|ять|уть)$", re.I),
}


def _clause_subject(text: str, start: int, cue_at: int, lex: Lexicon) -> tuple[int, int]:
    """The words opening the sentence up to its first finite verb: a gerund's subject."""
    finite = _FINITE.get(lex.language, _FINITE["ru"])
    words = list(re.finditer(r"\S+", text[start:cue_at]))
    for i, w in enumerate(words[:8]):
        if i and finite.match(w.group().strip(",.")) and w.group()[:1].islower():
            return start, start + words[i - 1].end()
    return cue_at, cue_at


def _before_insertion(text: str, start: int, end: int, lex: Lexicon) -> int:
    """Where the subject of a verb at `end` ends when comma-bounded insertions stand between them ("Олег
    Тарасов, в свою очередь, отметил", "Посадовець, який попросив …, сказав"): before the insertions."""
    pattern = _compiled(lex.insertions)
    while True:
        seg = text[start:end].rstrip()
        if not seg.endswith(","):
            return end
        last = start + len(seg) - 1
        prev = text.rfind(",", start, last)
        if prev < 0:
            return end
        inner = text[prev + 1 : last].strip()
        if not inner or not pattern.fullmatch(inner) or not text[start:prev].strip():
            return end
        end = prev


_KO_SUBJ = re.compile(r"([\w·\s]{1,30}?)(?:은|는|이|가|측은|측이|에 따르면)(?=\s)")


_KO_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|'[^']*'|‘[^’]*’|「[^」]*」|『[^』]*』")
_KO_TOPIC = re.compile(
    r"^(?P<np>.{2,}?|그)(?:측은|은|는)$"
)  # one syllable: an adjective ("좋은"), not "그는"
_KO_SUBJECT = re.compile(r"^(?P<np>.{2,}?)(?:측이|이|가)$")
# Words that end a noun phrase going back: particles of other roles, verb endings, connectives.
_KO_NOT_NP = re.compile(
    r"(?:을|를|에|에서|에게|도|고|며|면서|서|면|게|로|으로|와|과|및|던|인|한|된|은|는|이|가|다|요|\d일|\))$"
)
# Count words before a noun: "한 고위 당국자", "두 소식통", "복수의 관계자".
_KO_COUNTS = frozenset("한 두 세 네 다섯 여러 복수의 일부".split())
_KO_STOP = frozenset(
    "그러나 하지만 또 또한 앞서 이날 이날자 한편 특히 이에 이와 대해 그러면서 아울러 다만 당시 현재".split()
)


def _korean_subject(text: str, start: int, cue_at: int) -> tuple[int, int]:
    """Korean: the source is the noun phrase before a topic particle 은/는 or subject particle 이/가,
    outside quotes, or the phrase before 에 따르면. The main clause after the last quoted complement
    ("…보도했다고 백악관이 13일 밝혔다") names the speaker when it has a subject of its own; else the
    sentence's first topic ("정 대변인은 “…”이라고 말했다"), else its first subject. A word after an object
    ("문제를 다루는") is a verb's adnominal form, not a topic."""
    seg = text[start:cue_at]
    if seg.endswith(("에 따르면", "에따르면")):
        return start + _backward_ko(seg[: -len("에 따르면")]), cue_at - len("에 따르면")
    masked = _KO_QUOTED.sub(lambda m: " " * len(m.group()), seg)
    words = list(re.finditer(r"\S+", masked))
    tail = next(
        (i + 1 for i in range(len(words) - 1, -1, -1) if re.search(r"(?:고|며|면서)$", words[i].group())), 0
    )
    searches = [(_KO_TOPIC, range(tail, len(words))), (_KO_SUBJECT, range(tail, len(words)))] if tail else []
    searches += [(_KO_TOPIC, range(len(words))), (_KO_SUBJECT, range(len(words)))]
    for pattern, span in searches:
        for i in span:
            token = words[i].group()
            m = pattern.match(token.strip(",.·"))
            if not m or (i and words[i - 1].group().endswith(("을", "를"))):
                continue
            a = words[i].start() + len(token) - len(token.lstrip(",.·"))
            b = a + len(m.group("np"))
            for k in range(i - 1, max(-1, i - 5), -1):
                prev = words[k].group()
                if prev in _KO_STOP or re.search(r"[,.\"“”]", prev):
                    break
                if _KO_NOT_NP.search(prev) and prev not in _KO_COUNTS:
                    break
                a = words[k].start()
            while a < b and masked[a] in "<《〈「":
                a += 1
            while b > a and masked[b - 1] in ">》〉」":
                b -= 1
            return start + a, start + b
    return cue_at, cue_at


def _backward_ko(seg: str) -> int:
    stops = list(re.finditer(r"[,.\"“”'‘’]|\s(?=\S+\s\S+\s\S+$)", seg))
    return stops[-1].end() if stops else 0
