"""Known names: the registry's sources and aliases handed in by the caller, over a small built-in list of
news outlets that every newsroom cites (with their names in the six languages).

Names are matched on stemmed word n-grams, so inflected forms ("Файнэншл таймс", "Лян Вэньфэна") match;
scripts without spaces (Chinese, Korean) are matched as substrings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from textkit.folding import TOKEN_RE, WORD_RE, fold, stem

from .model import OUTLET

MAX_NAME_WORDS = 6
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")

# Outlets cited across languages: canonical name -> aliases. Our own list, from public knowledge.
BUILTIN_OUTLETS: dict[str, tuple[str, ...]] = {
    "Financial Times": (
        "FT",
        "the FT",
        "Financial Times",
        "Файнэншл таймс",
        "Financial Times",
        "金融时报",
        "金融時報",
        "英国金融时报",
        "파이낸셜타임스",
        "파이낸셜 타임스",
        "Фінансіал Таймс",
    ),
    "Reuters": (
        "Reuters",
        "Рейтер",
        "Рейтерс",
        "Reuters",
        "路透社",
        "路透",
        "로이터",
        "로이터통신",
        "Рейтер",
    ),
    "Bloomberg": ("Bloomberg", "Bloomberg News", "Блумберг", "Bloomberg", "彭博社", "彭博", "블룸버그"),
    "Associated Press": ("Associated Press", "AP", "the AP", "美联社", "美聯社", "AP통신"),
    "Agence France-Presse": ("AFP", "Agence France-Presse", "Франс Пресс", "法新社", "AFP통신"),
    "The New York Times": (
        "New York Times",
        "The New York Times",
        "NYT",
        "Нью-Йорк таймс",
        "纽约时报",
        "紐約時報",
        "뉴욕타임스",
    ),
    "The Wall Street Journal": (
        "Wall Street Journal",
        "WSJ",
        "Уолл-стрит джорнэл",
        "华尔街日报",
        "華爾街日報",
        "월스트리트저널",
    ),
    "The Washington Post": (
        "Washington Post",
        "The Washington Post",
        "Вашингтон пост",
        "华盛顿邮报",
        "워싱턴포스트",
    ),
    "The Information": ("The Information",),
    "Nikkei": ("Nikkei", "Nikkei Asia", "Никкей", "日经", "日經", "닛케이"),
    "CNN": ("CNN", "Си-эн-эн"),
    "BBC": ("BBC", "Би-би-си", "Бі-Бі-Сі", "英国广播公司"),
    "Fox News": ("Fox News",),
    "NBC News": ("NBC News", "NBC"),
    "CBS News": ("CBS News", "CBS"),
    "ABC News": ("ABC News", "ABC"),
    "CNBC": ("CNBC",),
    "Politico": ("Politico", "Политико"),
    "Axios": ("Axios",),
    "The Guardian": ("The Guardian", "卫报", "衛報"),
    "The Economist": ("The Economist", "经济学人"),
    "Der Spiegel": ("Der Spiegel", "Spiegel", "Spiegel Online", "Шпигель"),
    "dpa": ("dpa", "Deutsche Presse-Agentur"),
    "Handelsblatt": ("Handelsblatt",),
    "Süddeutsche Zeitung": ("Süddeutsche Zeitung", "SZ"),
    "Frankfurter Allgemeine Zeitung": ("FAZ",),
    "ТАСС": ("ТАСС", "TASS", "塔斯社"),
    "РИА Новости": ("РИА Новости", "RIA Novosti"),
    "Интерфакс": ("Интерфакс", "Interfax", "Інтерфакс"),
    "РБК": ("РБК", "RBC"),
    "Коммерсантъ": ("Коммерсантъ", "Коммерсант", "Kommersant"),
    "Ведомости": ("Ведомости", "Vedomosti"),
    "Известия": ("Известия", "Izvestia"),
    "Укрінформ": ("Укрінформ", "Ukrinform"),
    "Українська правда": ("Українська правда", "Ukrainska Pravda"),
    "УНІАН": ("УНІАН", "UNIAN"),
    "Xinhua": ("Xinhua", "新华社", "新華社", "Синьхуа"),
    # Not the Latin "CCTV" (in English, surveillance cameras).
    "China Central Television": ("China Central Television", "央视", "中央电视台", "中央電視台"),
    "People's Daily": ("People's Daily", "人民日报", "人民日報"),
    "South China Morning Post": ("South China Morning Post", "SCMP", "南华早报"),
    "Yonhap": ("Yonhap", "연합뉴스", "聯合通訊社"),
    "Kyodo": ("Kyodo", "共同社"),
}


@dataclass(frozen=True)
class Known:
    name: str
    kind: str
    source_id: int | None = None


@dataclass(frozen=True)
class Hit:
    known: Known
    start: int
    end: int


def _key(words: list[str]) -> tuple[str, ...]:
    return tuple(stem(w) for w in words)


class Gazetteer:
    """Names to (canonical name, kind, registry id), found in text longest first."""

    def __init__(self, names: Iterable[tuple[int | None, str, str, str]] = (), *, builtin: bool = True):
        """`names`: (source_id, alias, canonical name, kind) rows, e.g. from the registry."""
        self._keys: dict[tuple[str, ...], Known] = {}
        self._cjk: dict[str, Known] = {}
        for source_id, alias, name, kind in names:
            self.add(alias, Known(name, kind, source_id))
        if builtin:
            for name, aliases in BUILTIN_OUTLETS.items():
                for alias in (name, *aliases):
                    self.add(alias, Known(name, OUTLET), keep=True)

    def add(self, alias: str, known: Known, *, keep: bool = False) -> None:
        if _CJK.search(alias):
            if keep:
                self._cjk.setdefault(alias, known)
            else:
                self._cjk[alias] = known
            return
        words = WORD_RE.findall(fold(alias))
        if words and len(words) <= MAX_NAME_WORDS:
            key = _key(words)
            if keep:
                self._keys.setdefault(key, known)
            else:
                self._keys[key] = known

    def __len__(self) -> int:
        return len(self._keys) + len(self._cjk)

    def lookup(self, phrase: str) -> Known | None:
        """The known source a whole phrase names ("the Financial Times", "ФТ"), if any."""
        hits = self.find(phrase)
        return (
            hits[0].known
            if len(hits) == 1
            else (max(hits, key=lambda h: h.end - h.start).known if hits else None)
        )

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Longest-first, non-overlapping known names in text[start:end], with absolute spans."""
        end = len(text) if end is None else end
        found: list[Hit] = []
        if self._keys:
            folded = fold(text[start:end])
            tokens = [(m.group(), m.start() + start, m.end() + start) for m in TOKEN_RE.finditer(folded)]
            stems = [stem(t[0]) for t in tokens]
            i = 0
            while i < len(tokens):
                for n in range(min(MAX_NAME_WORDS, len(tokens) - i), 0, -1):
                    known = self._keys.get(tuple(stems[i : i + n]))
                    if known is not None and not (n == 1 and _is_common_short(text, tokens[i], known.name)):
                        found.append(Hit(known, tokens[i][1], tokens[i + n - 1][2]))
                        i += n
                        break
                else:
                    i += 1
        if self._cjk and _CJK.search(text, start, end):
            segment = text[start:end]
            taken: list[tuple[int, int]] = []
            for alias in sorted(self._cjk, key=len, reverse=True):
                at = segment.find(alias)
                while at != -1:
                    a, b = at + start, at + start + len(alias)
                    if not any(a < y and x < b for x, y in taken):
                        taken.append((a, b))
                        found.append(Hit(self._cjk[alias], a, b))
                    at = segment.find(alias, at + len(alias))
        found.sort(key=lambda h: h.start)
        return found


def _is_common_short(text: str, token: tuple[str, int, int], name: str = "") -> bool:
    """A two-letter alias ("AP", "FT", "SZ") counts only where it is written in capitals, or exactly as
    the name is spelt ("dpa", which the agency writes in lower case)."""
    word, a, b = token
    return len(word) <= 3 and not text[a:b].isupper() and text[a:b] != name
