"""Letters of other scripts that look like Latin ones, and words that mix scripts.

Why a hand-kept table and not the whole Unicode confusables list: the rules match Latin-script
words (drug and precursor names, brands), and the ways to disguise one are letters that render
like a Latin letter in ordinary fonts — Cyrillic "е" (U+0435) in "fеntanyl", Greek "ο" in
"cοcaine". Full-width letters and mathematical alphanumerics ("𝐟𝐞𝐧𝐭𝐚𝐧𝐲𝐥") need no table:
compatibility normalisation (NFKC/NFKD) already gives their Latin letter. The table maps
upper- and lower-case forms separately, because a Greek capital Eta looks like "H" and its
small letter like "n". Both a pack's terms and the parcel's text are folded through it, so a term
written in Cyrillic still matches itself.

Why mixed scripts inside one word are suspicious: real words are written in one alphabet;
"fеntanyl" with one Cyrillic letter exists only to slip past a filter. Only alphabets with Latin
look-alikes count (Latin, Cyrillic, Greek, Armenian, Cherokee): Chinese descriptions mix Han and
Latin ("iPhone手机") and Japanese mixes kana and kanji in one word, innocently. The micro and ohm
signs ("100µF", "10kΩ") are units, not letters, and do not count either.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

__all__ = ["LOOKALIKES", "OTHER_ALPHABETS", "may_mix_scripts", "mixed_script_words", "script_of"]

LOOKALIKES: dict[str, str] = {
    # Cyrillic capitals
    "А": "A", "В": "B", "Е": "E", "З": "3", "І": "I", "Ј": "J", "К": "K", "М": "M", "Н": "H",
    "О": "O", "Р": "P", "С": "C", "Ѕ": "S", "Т": "T", "У": "Y", "Х": "X", "Ү": "Y", "Һ": "H",
    "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I", "Ԍ": "G", "Ь": "b",
    # Cyrillic small letters
    "а": "a", "в": "b", "е": "e", "і": "i", "ј": "j", "к": "k", "м": "m", "н": "h", "о": "o",
    "р": "p", "с": "c", "ѕ": "s", "т": "t", "у": "y", "х": "x", "ү": "y", "һ": "h", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "ӏ": "l", "ɡ": "g", "ѡ": "w", "ԍ": "g", "ь": "b", "ѵ": "v",
    # Greek capitals
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "Ϲ": "C", "Ϳ": "J",
    # Greek small letters
    "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ϲ": "c", "ϳ": "j",
    # Armenian small letters
    "օ": "o", "ս": "u", "հ": "h", "ո": "n", "ց": "g", "զ": "q",
    # Latin letters that are other Latin letters to the eye
    "ı": "i", "ȷ": "j", "ɑ": "a", "ɩ": "i", "ʏ": "y", "ᴅ": "d",
}  # fmt: skip
"""A look-alike letter and the Latin letter it passes for."""

_ALPHABETS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE"})
_UNITS = frozenset("\u00b5\u03bc\u2126\u03a9")  # micro sign, Greek mu, ohm sign, omega
_SCRIPT: dict[str, str] = {}
_WORD = re.compile(r"[^\W\d_]{2,}")
OTHER_ALPHABETS = (
    "\u0370-\u03ff\u0400-\u052f\u0531-\u058f\u13a0-\u13ff\u1c80-\u1c8f\u1f00-\u1fff"
    "\u2de0-\u2dff\ua640-\ua69f\uab70-\uabbf\U0001d400-\U0001d7ff"
)
"""Code point ranges (a regex character-class body) of the alphabets in `_ALPHABETS` other than
Latin, and of the mathematical letters (which may be Greek): text without any of them cannot mix
those alphabets, whatever else it holds."""
_OTHER_ALPHABET = re.compile(f"[{OTHER_ALPHABETS}]")


def script_of(ch: str) -> str:
    """The alphabet of a letter among those with Latin look-alikes, else "" (cached)."""
    script = _SCRIPT.get(ch)
    if script is None:
        script = ""
        if ch not in _UNITS and ch.isalpha():
            base = unicodedata.normalize("NFKD", ch)[:1]  # "ｆ" and "𝐟" are Latin
            name = unicodedata.name(base, "").split(" ", 1)[0]
            script = name if name in _ALPHABETS else ""
        _SCRIPT[ch] = script
    return script


def may_mix_scripts(text: str) -> bool:
    """False when `text` certainly has no mixed-script word (a quick test before the words)."""
    return not text.isascii() and _OTHER_ALPHABET.search(text) is not None


def mixed_script_words(text: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Words of `text` (as written) whose letters come from two or more alphabets.

    Invisible format characters (a zero-width space, a soft hyphen) do not split a word here:
    "fе\u200bntanyl" is one word with a Cyrillic letter in it.
    """
    if not may_mix_scripts(text):
        return
    kept = [i for i, ch in enumerate(text) if unicodedata.category(ch) != "Cf"]
    joined = "".join(text[i] for i in kept)
    for m in _WORD.finditer(joined):
        word = m.group(0)
        if word.isascii():
            continue
        scripts = {s for ch in word if (s := script_of(ch))}
        if len(scripts) > 1:
            yield text[kept[m.start()] : kept[m.end() - 1] + 1], tuple(sorted(scripts))
