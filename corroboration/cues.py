"""Cue words of stance in the six languages of the coverage (en, ru, uk, de, zh, ko), as compiled regexes.

Latin and Cyrillic entries match at a word start; a trailing `*` lets the word go on (inflections:
"опроверг*" matches опроверг, опровергла, опровержение). Chinese and Korean have no spaces between
words, so their entries match anywhere. Written for this project; each list is a family of cues the
stance model reads as a count, not a rule on its own (the rules in stance.py use the narrower ones).
"""

import re
from functools import lru_cache

import numpy as np

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

# The body calls the claim false, a hoax, fabricated; or someone denies it.
REFUTE = """
fake fakes faked hoax* false falsely untrue debunk* bogus baseless groundless fabricat* myth* satir* prank*
misleading refut* retract* disprov* discredit* nonsense fiction* not true no evidence no truth
deny denies denied denial* dismiss* reject* rebut* contradict* dispute* disputed
фейк* ложн* ложь неправд* выдум* опроверг* опровержен* отрица* отверг* дезинформ* вымысел не соответств*
недостоверн* не подтвердил* не подтверди* миф*
спростува* спросту* заперечи* заперечу* заперечує* брехн* вигад* дезінформ* неправд* відкида* відкинув* хибн*
falsch* falschmeldung* fälschung* erfunden* dementi* bestreit* bestritt* zurückgewiesen zurückweis* weist
unwahr* haltlos* widerlegt* widerleg* ente
否认 辟谣 谣言 虚假 不实 假新闻 驳斥 澄清 并非 不属实 造谣 捏造 否定
부인했 부인하 부인한 사실무근 가짜 허위 반박 일축 오보 사실이 아니 날조 거짓
"""

# The body reports the claim without taking a side: attributes it, hedges it, calls it unconfirmed.
HEDGE = """
reportedly allegedly alleged alleges claim claims claimed rumor* rumour* unconfirmed unverified speculat*
according purportedly apparently possibly may might could appears suggest* sources source report reports
reported said to supposedly
якобы сообща* по данным по словам предположительно возможно слух* источник* неподтвержд* вероятно
утвержда* заявля* по информации
нібито повідомля* за даними за словами ймовірно можливо чутк* джерел* джерело непідтвердж* імовірно
angeblich berichten zufolge soll sollen möglicherweise laut quellen quelle unbestätigt* offenbar
vermutlich gerücht* spekul* mutmaßlich*
据报道 据称 据悉 传闻 传言 可能 消息人士 知情人士 据 或将 疑似 未经证实
알려졌 전해졌 따르면 소식통 가능성 의혹 보도 추정 관계자 루머 소문
"""

NEGATION = """
not no never none neither nor without cannot nothing n't
не нет ни никогда без ничего
ні не немає ніколи без нічого
nicht kein keine keiner keinen nie niemals ohne nichts
不 没有 没 未 无 非
않 안 없 못 아니
"""

# The subject itself denies: the verbs of denial and rebuttal (narrower than REFUTE).
DENIAL = """
deny denies denied denying dismissed rejected rebuffed refuted refutes called false called untrue
опроверг* отрица* отверг* назвал* ложн* назвал* недостоверн* назвал* фейк*
спростува* заперечи* заперечу* заперечує* відкинув* відкинула* відкинули*
dementiert* dementi* bestreit* bestritt* wies zurück weist zurück zurückgewiesen
否认 驳斥 辟谣 予以否认 不属实
부인했 부인하 부인한 반박했 일축했 사실무근
"""


class _Lexicon:
    """Single words by set and prefix look-ups on the text's words; phrases and CJK entries by one regex."""

    def __init__(self, words: str):
        # One slot per entry as listed; a cue listed twice (the same word in two languages) sets its last.
        self.entries = [e.lower().rstrip("*") for e in _phrases(words)]
        self._index = {e: i for i, e in enumerate(self.entries)}
        self.exact, prefixes, phrases = set(), [], []
        for entry in _phrases(words):
            key = entry.lower().rstrip("*")
            if "_" in entry or _CJK.search(entry):
                phrases.append(entry)
            elif entry.endswith("*"):
                prefixes.append(key)
            else:
                self.exact.add(key)
        self.prefixes = tuple(prefixes)
        # A plain substring test first (fast, and almost always absent), then the phrase's own regex.
        self._phrases = [
            (
                entry.lower().split("_")[0].rstrip("*"),
                re.compile(_pattern(entry), re.I),
                self._index[entry.lower().rstrip("*")],
            )
            for entry in phrases
        ]

    def hits(self, words: list[str], text: str, lowered: str) -> list[int]:
        """The entry index of every cue found, once per occurrence."""
        out = []
        for w in words:
            if w in self.exact:
                out.append(self._index[w])
            elif w.startswith(self.prefixes):
                out.append(next(self._index[p] for p in self.prefixes if w.startswith(p)))
        found = [
            (m.start(), -len(m.group()), m.end(), i)
            for literal, regex, i in self._phrases
            if literal in lowered
            for m in regex.finditer(text)
        ]
        end = -1
        for start, _, stop, i in sorted(found):  # leftmost-longest, never overlapping (as one regex would)
            if start >= end:
                out.append(i)
                end = stop
        return out


def _pattern(entry: str) -> str:
    out = []
    for w in entry.split("_"):
        prefix = w.endswith("*")
        w = w.rstrip("*")
        esc = re.escape(w)
        if _CJK.search(w):
            out.append(esc)
        else:
            out.append(r"(?<!\w)" + esc + ("" if prefix else r"(?!\w)"))
    return r"\s+".join(out)


_PHRASES = (
    "not true",
    "no evidence",
    "no truth",
    "said to",
    "called false",
    "called untrue",
    "по данным",
    "по словам",
    "по информации",
    "не соответств*",
    "не подтвердил*",
    "не подтверди*",
    "за даними",
    "за словами",
    "berichten zufolge",
    "wies zurück",
    "weist zurück",
    "사실이 아니",
)


def _phrases(words: str) -> list[str]:
    text = " ".join(words.split())
    found = []
    for phrase in _PHRASES:
        joined = phrase.replace(" ", "_")
        if f" {phrase} " in f" {text} ":
            text = f" {text} ".replace(f" {phrase} ", f" {joined} ").strip()
    for entry in text.split():
        found.append(entry)
    return found


REFUTE_CUES = _Lexicon(REFUTE)
HEDGE_CUES = _Lexicon(HEDGE)
NEGATION_CUES = _Lexicon(NEGATION)
DENIAL_CUES = _Lexicon(DENIAL)
_WORD_RE = re.compile(r"[^\W\d_]+(?:'t)?")


def _words(text: str) -> list[str]:
    words = [w.lower() for w in _WORD_RE.findall(text)]
    return words + ["n't" for w in words if w.endswith("n't")]


@lru_cache(maxsize=4096)
def _scan(text: str) -> tuple[tuple[int, int, int, int], np.ndarray]:
    words = _words(text)
    lowered = text.lower()
    hits = [lex.hits(words, text, lowered) for lex in (REFUTE_CUES, HEDGE_CUES, NEGATION_CUES, DENIAL_CUES)]
    found = np.zeros(len(REFUTE_CUES.entries) + len(HEDGE_CUES.entries), dtype=np.float32)
    found[hits[0]] = 1.0
    found[[len(REFUTE_CUES.entries) + i for i in hits[1]]] = 1.0
    return tuple(len(h) for h in hits), found


def counts(text: str) -> tuple[int, int, int, int]:
    """How many refuting, hedging, negating and denying cues the text holds."""
    return _scan(text)[0]


def presence(text: str) -> np.ndarray:
    """Which refuting and hedging cues (one 0/1 per entry of REFUTE, then of HEDGE) the text holds."""
    return _scan(text)[1]
