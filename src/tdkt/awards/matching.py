"""Recognising an award type from the way people write it ("Chiến sỹ thi đua cơ sở", "CSTĐCS",
"chiến sĩ thi đua cấp cơ sở", "Bằng khen của Chủ tịch UBND tỉnh").

Every name of a type (official name, short name, code, other names) is stored in AwardAlias with a
matching key: folded (no diacritics, lower case), spelling variants unified ("sỹ" → "sĩ",
"Ủy ban nhân dân" → "UBND", "hạng 3"/"hạng III" → "hạng Ba"), filler words dropped ("cấp", "của",
a leading "danh hiệu", the province's own name after "tỉnh"), then every space and punctuation mark removed. Matching is exact on the
key: a name that is not known returns None rather than a guess.
"""

import difflib
import re

from django.conf import settings

from tdkt.awards.models import AwardAlias, AwardType
from tdkt.lib.vntext import fold

_NON_WORD = re.compile(r"[^a-z0-9]+")
_PHRASES = (  # folded phrase -> its usual abbreviation
    ("uy ban nhan dan", "ubnd"),
    ("thu tuong chinh phu", "ttg"),
    ("thu tuong", "ttg"),
)
_TOKENS = {"sy": "si"}  # "Chiến sỹ" is a common spelling of "Chiến sĩ"
_FILLER = {"cap", "cua"}
_CLASSES = {"1": "nhat", "i": "nhat", "nhat": "nhat", "2": "nhi", "ii": "nhi", "nhi": "nhi",
            "3": "ba", "iii": "ba", "ba": "ba"}


def _province_folded() -> str:
    return _NON_WORD.sub(" ", fold(getattr(settings, "PROVINCE_NAME", ""))).strip()


def award_name_key(text: str) -> str:
    """The matching key of an award name: equal keys are the same award."""
    folded = " " + _NON_WORD.sub(" ", fold(text)) + " "
    for phrase, abbreviation in _PHRASES:
        folded = folded.replace(f" {phrase} ", f" {abbreviation} ")
    province = _province_folded()
    if province:  # "… UBND tỉnh Lào Cai" is "… UBND tỉnh"
        folded = folded.replace(f" tinh {province} ", " tinh ")
    tokens = [_TOKENS.get(token, token) for token in folded.split()]
    if tokens[:2] == ["danh", "hieu"] and len(tokens) > 2:
        tokens = tokens[2:]
    words = []
    for index, token in enumerate(tokens):
        if token in _FILLER:
            continue
        if index and tokens[index - 1] == "hang":
            token = _CLASSES.get(token, token)
        words.append(token)
    return "".join(words)


def _issuer_stem(text: str) -> str:
    """"Giấy khen của Giám đốc Sở Y tế" -> "Giấy khen": the form without its issuer."""
    match = re.split(r"\s+(?:của|cua)\s+", text.strip(), maxsplit=1, flags=re.IGNORECASE)
    return match[0] if len(match) == 2 else ""


class AwardMatcher:
    """Matches many names against the catalogue with two queries in all (for imports)."""

    def __init__(self, award_types=None, aliases=None):
        types = award_types if award_types is not None else AwardType.objects.all()
        self.types = {award_type.pk: award_type for award_type in types}
        rows = aliases if aliases is not None else AwardAlias.objects.values_list("key", "award_type_id")
        self.by_key = {key: self.types[type_id] for key, type_id in rows if type_id in self.types}

    def match(self, text: str):
        """The award type written as `text`, or None when the name is not known."""
        if not text or not text.strip():
            return None
        found = self.by_key.get(award_name_key(text))
        if found is None:
            stem = _issuer_stem(text)
            found = self.by_key.get(award_name_key(stem)) if stem else None
        return found

    def suggest(self, text: str, limit: int = 3) -> list:
        """Close names for a name that did not match, for the import review screen."""
        keys = difflib.get_close_matches(award_name_key(text), self.by_key, n=limit * 3, cutoff=0.75)
        suggestions = []
        for key in keys:
            award_type = self.by_key[key]
            if award_type not in suggestions:
                suggestions.append(award_type)
        return suggestions[:limit]


def match_award_type(text: str):
    """The award type written as `text` ("CSTĐCS", "Bằng khen của Chủ tịch UBND tỉnh"), or None.

    One query per call; for many names build one AwardMatcher and call its `match`.
    """
    if not text or not text.strip():
        return None
    keys = [award_name_key(text)]
    stem = _issuer_stem(text)
    if stem:
        keys.append(award_name_key(stem))
    found = {alias.key: alias.award_type for alias in AwardAlias.objects.filter(key__in=keys).select_related("award_type")}
    return next((found[key] for key in keys if key in found), None)
