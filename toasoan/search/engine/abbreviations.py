"""The abbreviation table both engines expand queries with: CCHC <-> cải cách hành chính."""

import re
from collections.abc import Mapping, Sequence

from .. import analysis


class Abbreviations:
    """{"CCHC": ["cải cách hành chính"], "KH&CN": [...]}: keys and phrases in any case or accent."""

    def __init__(self, mapping: Mapping[str, Sequence[str]] | None = None) -> None:
        self._forward: dict[str, list[list[str]]] = {}  # "khcn" -> [["khoa", "hoc", ...]]
        self._backward: dict[tuple[str, ...], list[str]] = {}  # ("khoa", "hoc", ...) -> ["kh&cn"]
        for short, phrases in (mapping or {}).items():
            short_folded = analysis.fold(short).replace(" ", "")
            joined = "".join(analysis.SEPARATORS.split(short_folded))
            for phrase in phrases:
                words = tuple(analysis.WORD.findall(analysis.fold(phrase)))
                if not words or not short_folded:
                    continue
                self._forward.setdefault(joined, []).append(list(words))
                self._backward.setdefault(words, []).append(short_folded)

    def phrases_for(self, folded_word: str) -> list[list[str]]:
        """The spelled-out forms of an abbreviation typed as one word ("cchc", "khcn")."""
        return self._forward.get(folded_word, [])

    def join_in(self, normalized_query: str) -> str:
        """Write known abbreviations as one word: "kh&cn tỉnh" -> "khcn tỉnh"."""
        return analysis.IDENTIFIER.sub(self._join, normalized_query)

    def _join(self, match: re.Match) -> str:
        joined = "".join(analysis.SEPARATORS.split(analysis.fold(match.group(0))))
        return joined if joined in self._forward else match.group(0)

    def match_at(self, folded_words: list[str], start: int) -> tuple[tuple[str, ...], list[str]]:
        """A spelled-out form starting at `start`, and the abbreviations it stands for."""
        for phrase, shorts in self._backward.items():
            if tuple(folded_words[start : start + len(phrase)]) == phrase:
                return phrase, shorts
        return (), []
