"""Forms that text is matched on: folded case, words, stems, content terms and registry names.

Without a language every function behaves as the corroboration matcher's helpers always have: a
Cyrillic word gets the Russian stemmer, any other the English one. With a language ("de", "uk", ...)
the Latin words of a German text get the German stemmer and that language's function words are dropped
too. Snowball has no Ukrainian stemmer: Ukrainian words get the Russian one, their і ї є ґ read as
и и е г (on inflection groups written for the test, whole groups stemmed alike: 9 of 12, against 3 of
12 for the Russian stemmer on the letters as they are; pymorphy3's Ukrainian dictionary gets 11 but
weighs 14 MB and lemmatises rather than stems).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

WORD_RE = re.compile(r"\w+", re.UNICODE)
CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_RE = re.compile(r"[a-z\u00c0-\u024f]", re.I)

# Function words carry no topic; dropping them keeps BM25 and overlap scores about content.
STOPWORDS = frozenset(
    """a an the of in on at to for from by with and or but is are was were be been being it its this that these
    those as into than then there their they them he she his her we our you your i not no nor do does did
    has have had will would can could may might shall should must also which who whom whose what when where
    why how all any each both more most other some such only own same so too very s t just about over under
    again further once here between through during before after above below up down out off until while
    и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот
    от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь
    опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам
    чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь
    этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой
    хоть после над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо
    свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между это также""".split()
)
# Only with language="de" / "uk": "die", "war" and "also" are English content words.
_LANGUAGE_STOPWORDS = {
    "de": frozenset(
        """der die das den dem des ein eine einer eines einem einen und oder aber nicht kein keine ist sind
        war waren wird werden wurde wurden hat haben hatte hatten sein seine ihr ihre zu zum zur im in am an
        auf aus bei beim mit nach von vom vor für über unter um durch gegen ohne bis sich er sie es wir ich
        du man als auch so wie noch nur schon dass daß wenn weil ob dieser diese dieses jener mehr sehr doch
        denn dann da hier dort wo was wer wie kann können soll sollen muss müssen""".split()
    ),
    "uk": frozenset(
        """і й в у на що не з зі до за та як це його про від для але він вона воно вони ми ви а чи так же
        бути був була було були є також які який яка яке цей ця ці той те ті вже ще при по після через між
        під над або ні лише тільки коли де там тут щоб якщо всі все свій своє своїх їх її йому нього неї
        них нам вам мене тебе себе нас вас дуже може можна треба""".split()
    ),
}
# Snowball stemmers by language code; Ukrainian has none of its own.
_STEMMERS = {
    "en": "english",
    "ru": "russian",
    "uk": "russian",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
    "pl": "polish",
    "tr": "turkish",
    "ar": "arabic",
    "hi": "hindi",
}
# The Russian stemmer knows no і ї є ґ, so Ukrainian endings after them stay on ("міністрові"); read as
# и и е г they come off, and Ukrainian stems meet Russian ones ("міністра" and "министра": "министр").
# Russian has none of these letters, so Russian stems are unchanged.
_UKRAINIAN_AS_RUSSIAN = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г"})
_SCRIPT_OF = {"ar": re.compile(r"[\u0600-\u06ff]"), "hi": re.compile(r"[\u0900-\u097f]")}


@lru_cache(maxsize=16)
def _stemmer(algorithm: str):
    return snowballstemmer.stemmer(algorithm)


def _base(language: str | None) -> str | None:
    return language.lower().replace("_", "-").split("-")[0] if language else None


def fold(text: str) -> str:
    """NFKC, case-folded, ё as е: the form words are compared in."""
    return unicodedata.normalize("NFKC", text or "").casefold().replace("ё", "е")


def unaccent(text: str) -> str:
    """Combining marks dropped after NFKD: "Vérifié" → "Verifie" (and, note, "й" → "и")."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize_name(value: str) -> str:
    """The form registry aliases are matched on: NFKC, case-folded, single-spaced."""
    return " ".join(unicodedata.normalize("NFKC", value or "").casefold().split())


# Word tokens that never glue a run of ideographs to Latin letters or digits (names inside Chinese text).
# Chinese and Japanese write words without spaces: a run of ideographs or kana is cut from the Latin or
# digits glued to it ("Northwind正在洽談") and indexed as overlapping character pairs.
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
TOKEN_RE = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
)


def words(text: str) -> list[str]:
    """Word tokens of the folded text; ideograph runs as character bigrams."""
    out: list[str] = []
    for token in TOKEN_RE.findall(fold(text)):
        if _CJK_RUN.fullmatch(token):
            out.extend(token[i : i + 2] for i in range(max(len(token) - 1, 1)))
        else:
            out.append(token)
    return out


def stopwords(language: str | None = None) -> frozenset[str]:
    """STOPWORDS (English and Russian), plus the given language's own function words."""
    extra = _LANGUAGE_STOPWORDS.get(_base(language) or "")
    return STOPWORDS | extra if extra else STOPWORDS


@lru_cache(maxsize=200_000)
def stem(word: str, language: str | None = None) -> str:
    """The Snowball stem of one (folded) word, the stemmer chosen by the word's script and `language`."""
    if CYRILLIC_RE.search(word):
        return _stemmer("russian").stemWord(word.translate(_UKRAINIAN_AS_RUSSIAN))
    code = _base(language)
    own_script = _SCRIPT_OF.get(code or "", _LATIN_RE)
    if code in _STEMMERS and code not in ("ru", "uk") and own_script.search(word):
        return _stemmer(_STEMMERS[code]).stemWord(word)
    return _stemmer("english").stemWord(word)


def content_terms(text: str, language: str | None = None) -> list[str]:
    """Stemmed content words of the text, function words dropped."""
    drop = stopwords(language)
    return [stem(w, language) for w in words(text) if w not in drop]
