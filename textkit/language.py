"""The language of a text as a short code ("en", "ru", "uk", "zh", "de", "ko", ...).

py3langid decides, restricted to LANGUAGES and, within them, to the languages written in the text's
main script: Cyrillic text is Russian or Ukrainian, never Macedonian or English. Hangul is Korean and
kana is Japanese whatever py3langid says. Text with too few letters for py3langid (a headline, a
name) is judged by py3langid where it is sure, else by its letters: Ukrainian і ї є ґ, Russian ы э ъ ё, German ä ö ü ß.
"""

from __future__ import annotations

import re
from functools import lru_cache

# The languages a newsroom here meets (those GDELT reports most, and the project's own six).
LANGUAGES = ("en", "ru", "uk", "de", "fr", "es", "it", "pt", "nl", "pl", "tr", "ar", "hi", "zh", "ja", "ko")
# Below this many letters py3langid is trusted only when it is sure (twice as likely as the runner-up).
SHORT_LETTERS = 20
SAMPLE_CHARS = 5000

_SCRIPTS = {
    "hangul": re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]"),
    "kana": re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]"),
    "han": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
    "arabic": re.compile(r"[\u0600-\u06ff]"),
    "devanagari": re.compile(r"[\u0900-\u097f]"),
}
# A CJK character carries about as much as a short word; weigh it so that the Latin names in a Chinese
# article do not outvote the Chinese.
_WEIGHT = {"hangul": 3, "kana": 3, "han": 3}
_SCRIPT_LANGUAGES = {
    "cyrillic": ("ru", "uk"),
    "latin": ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr"),
    "arabic": ("ar",),
    "devanagari": ("hi",),
}
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN = re.compile(r"[ыэъёЫЭЪЁ]")
_GERMAN = re.compile(r"[äöüßÄÖÜ]")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    load = getattr(LanguageIdentifier, "from_model_file", None) or LanguageIdentifier.from_pickled_model
    identifier = load(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def script_counts(text: str) -> dict[str, int]:
    """Letters of each script in the text."""
    return {name: len(pattern.findall(text)) for name, pattern in _SCRIPTS.items()}


def detect(text: str) -> str:
    """The text's language code, or "" for text with no letters."""
    sample = (text or "")[:SAMPLE_CHARS]
    counts = script_counts(sample)
    if not any(counts.values()):
        return ""
    script = max(counts, key=lambda name: counts[name] * _WEIGHT.get(name, 1))
    if script == "hangul":
        return "ko"
    if script in ("kana", "han"):
        return "ja" if counts["kana"] * 10 >= counts["han"] + counts["kana"] else "zh"
    candidates = _SCRIPT_LANGUAGES[script]
    if len(candidates) == 1:
        return candidates[0]
    ranked = [(code, score) for code, score in _identifier().rank(sample) if code in candidates]
    (best, p_best), (_second, p_second) = ranked[0], ranked[1]
    if counts[script] < SHORT_LETTERS and p_best < 2 * p_second:
        return _by_letters(sample, script)  # py3langid is not sure, and a few letters are no evidence
    return best


def _by_letters(sample: str, script: str) -> str:
    if script == "cyrillic":
        if _UKRAINIAN.search(sample):
            return "uk"
        return "ru"
    if _GERMAN.search(sample):
        return "de"
    return "en"
