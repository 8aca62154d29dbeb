"""Entity keys: the same person, address, phone or mailbox, however a shipper spelled it.

The counter-network links a parcel to earlier seizures through the parties they share. Senders
and drop addresses vary the spelling on purpose ("Pkwy" / "Parkway", "Unit 12" / "#12", "+1 (212)
555-0100" / "212-555-0100"), so matching raw text would miss most links. Every party field is
therefore reduced to a *key* that is equal for equal entities; the store indexes the keys and
looks them up exactly. Addresses get one more chance: a fuzzy comparison of the street name
within the same postcode, number and unit (`address_similarity`), because typos are common and a
wrong house number or unit is a different drop.

Pure and fast: no I/O, precompiled tables, one pass per field. Keys are stored in the database,
so changing a rule here means re-keying the stored rows (the values as entered are kept for that).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from hashlib import blake2b

from rapidfuzz import fuzz

from parcelbench.domain.aed import AedItem, Party

#: A fuzzy address match at or above this counts as the same address. Chosen so that one or two
#: typos in a street name match ("Industral" 0.95, "Mian" vs "Main" does not at 0.75) while the
#: structural gates in `address_similarity` (postcode, house number, unit, street type) rule out
#: the near-misses a pure string ratio would accept.
ADDRESS_MATCH_THRESHOLD = 0.85

#: Fuzzy name matching is only used against watchlists (short lists, a human reads every hit);
#: exact keys are used for seizure links, where common names would drown the officer in links.
NAME_MATCH_THRESHOLD = 0.90
#: Names shorter than this (in key characters) only match exactly: "li wei" vs "li wen".
NAME_FUZZY_MIN_LENGTH = 8

KINDS: tuple[str, ...] = ("name", "address", "phone", "email")

#: The same parcel is keyed several times per scan (links, watchlist, known shipper) and the
#: same drop addresses recur across a sack: the key functions memoise their recent inputs.
_CACHE_SIZE = 8192

_FIELD_SEP = "|"

# -- text folding ---------------------------------------------------------------------------

#: Letters NFKD does not decompose into ASCII + combining marks.
_EXTRA_FOLD = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "’": "",
        "'": "",
        "`": "",
        "´": "",
    }
)
_WORD = re.compile(r"[^\W_]+")


_ASCII_DROP = str.maketrans("", "", "'`")


def fold(text: str) -> str:
    """Casefolded, accents removed ("Núñez" -> "nunez"), apostrophes dropped ("O'Brien")."""
    if text.isascii():  # most AED text: the same result without decomposing each character
        return text.translate(_ASCII_DROP).lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLD))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


# -- names -----------------------------------------------------------------------------------

_LEGAL_FORMS = frozenset(
    "co company corp corporation inc incorporated llc lc ltd limited plc lp llp pllc gmbh mbh "
    "ag kg ug ohg sa sas sarl srl spa sl bv nv oy oyj ab as asa aps pte pty pvt private kk "
    "kft zrt sro doo ooo zao oao pjsc jsc ltda cia eireli sdn bhd tbk".split()
)
_CJK_LEGAL_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "株式会社", "公司")
_HONORIFICS = frozenset("mr mrs ms miss mx dr prof mme mlle herr frau sra srta messrs attn".split())
_NAME_NOISE = frozenset({"and", "the"})
#: "L.L.C.", "S.A.", "B.V.": dotted abbreviations are one word.
_DOTTED_INITIALS = re.compile(r"(?<![^\W_])(?:[^\W\d_]\.){2,}")
_NAME_PLACEHOLDERS = frozenset(
    {"na", "n a", "none", "unknown", "customer", "resident", "current resident", "test", "x"}
)


@lru_cache(maxsize=_CACHE_SIZE)
def name_key(text: str | None) -> str | None:
    """Person or company name as a key: order, case, accents, punctuation and legal form ignored.

    "NUNEZ Jose" and "José Núñez" are the same key; "Shenzhen Huaxin Trading Co., Ltd." and
    "SHENZHEN HUAXIN TRADING LIMITED" too. Legal forms are dropped only at the end of the name
    (where they are suffixes), so a company called "Limited Editions" keeps its first word.
    Placeholders ("N/A", "Unknown") give None: they would link every careless shipper.
    """
    if not text:
        return None
    folded = _DOTTED_INITIALS.sub(lambda m: m.group(0).replace(".", ""), fold(text))
    tokens = _WORD.findall(folded)
    tokens = [t for t in tokens if t not in _HONORIFICS and t not in _NAME_NOISE]
    kept = list(tokens)
    while len(kept) > 1 and kept[-1] in _LEGAL_FORMS:
        kept.pop()
    if kept:
        last = kept[-1]
        for suffix in _CJK_LEGAL_SUFFIXES:
            if last.endswith(suffix) and len(last) > len(suffix):
                kept[-1] = last[: -len(suffix)]
                break
    if not kept:
        return None
    joined = " ".join(kept)
    if joined in _NAME_PLACEHOLDERS:
        return None
    return " ".join(sorted(kept))


def name_similarity(a_key: str | None, b_key: str | None) -> float:
    """0..1 similarity of two name keys (token order already normalised)."""
    if not a_key or not b_key:
        return 0.0
    if a_key == b_key:
        return 1.0
    if min(len(a_key), len(b_key)) < NAME_FUZZY_MIN_LENGTH:
        return 0.0
    return fuzz.token_sort_ratio(a_key, b_key) / 100.0


# -- addresses -------------------------------------------------------------------------------

#: USPS Publication 28, Appendix C1 (street suffixes): standard abbreviation -> spellings seen.
#: "Flat" (FLT) and "Key" (KY) are left out: outside the US they are unit designators.
_SUFFIXES: dict[str, tuple[str, ...]] = {
    "aly": ("alley", "allee", "ally"),
    "anx": ("annex", "anex", "annx"),
    "arc": ("arcade",),
    "ave": ("avenue", "av", "aven", "avenu", "avn", "avnue"),
    "byu": ("bayou", "bayoo"),
    "bch": ("beach",),
    "bnd": ("bend",),
    "blf": ("bluff", "bluf"),
    "btm": ("bottom", "bot", "bottm"),
    "blvd": ("boulevard", "boul", "boulv"),
    "br": ("branch", "brnch"),
    "brg": ("bridge", "brdge"),
    "brk": ("brook",),
    "byp": ("bypass", "bypa", "bypas", "byps"),
    "cp": ("camp", "cmp"),
    "cyn": ("canyon", "canyn", "cnyn"),
    "cpe": ("cape",),
    "cswy": ("causeway", "causwa"),
    "ctr": ("center", "cent", "centr", "centre", "cnter", "cntr"),
    "cir": ("circle", "circ", "circl", "crcl", "crcle"),
    "clf": ("cliff",),
    "clb": ("club",),
    "cmn": ("common",),
    "cor": ("corner",),
    "crse": ("course",),
    "ct": ("court",),
    "cts": ("courts",),
    "cv": ("cove",),
    "crk": ("creek",),
    "cres": ("crescent", "crsent", "crsnt"),
    "xing": ("crossing", "crssng"),
    "dl": ("dale",),
    "dm": ("dam",),
    "dv": ("divide", "div", "dvd"),
    "dr": ("drive", "driv", "drv"),
    "est": ("estate",),
    "expy": ("expressway", "exp", "expr", "express", "expw"),
    "ext": ("extension", "extn", "extnsn"),
    "fls": ("falls",),
    "fry": ("ferry", "frry"),
    "fld": ("field",),
    "flds": ("fields",),
    "frd": ("ford",),
    "frst": ("forest", "forests"),
    "frg": ("forge", "forg"),
    "frk": ("fork",),
    "ft": ("fort", "frt"),
    "fwy": ("freeway", "freewy", "frway", "frwy"),
    "gdn": ("garden", "gardn", "grden", "grdn"),
    "gdns": ("gardens", "grdns"),
    "gtwy": ("gateway", "gatewy", "gatway", "gtway"),
    "gln": ("glen",),
    "grn": ("green",),
    "grv": ("grove", "grov"),
    "hbr": ("harbor", "harb", "harbr", "hrbor", "harbour"),
    "hvn": ("haven",),
    "hts": ("heights", "ht"),
    "hwy": ("highway", "highwy", "hiway", "hiwy", "hway"),
    "hl": ("hill",),
    "hls": ("hills",),
    "holw": ("hollow", "hllw", "hollows", "holws"),
    "inlt": ("inlet",),
    "is": ("island", "islnd"),
    "iss": ("islands", "islnds"),
    "jct": ("junction", "jction", "jctn", "junctn", "juncton"),
    "knl": ("knoll", "knol"),
    "lk": ("lake",),
    "lks": ("lakes",),
    "lndg": ("landing", "lndng"),
    "ln": ("lane",),
    "lgt": ("light",),
    "loop": ("loops",),
    "mnr": ("manor",),
    "mdw": ("meadow",),
    "mdws": ("meadows", "medows"),
    "ml": ("mill",),
    "mls": ("mills",),
    "msn": ("mission", "missn", "mssn"),
    "mtwy": ("motorway",),
    "mt": ("mount", "mnt"),
    "mtn": ("mountain", "mntain", "mntn", "mountin", "mtin"),
    "oval": ("ovl",),
    "opas": ("overpass",),
    "park": ("prk", "parks"),
    "pkwy": ("parkway", "parkwy", "pkway", "pky", "parkways", "pkwys"),
    "psge": ("passage",),
    "path": ("paths",),
    "pike": ("pikes",),
    "pne": ("pine",),
    "pnes": ("pines",),
    "pl": ("place",),
    "pln": ("plain",),
    "plns": ("plains",),
    "plz": ("plaza", "plza"),
    "pt": ("point",),
    "pts": ("points",),
    "prt": ("port",),
    "pr": ("prairie", "prr"),
    "radl": ("radial", "rad", "radiel"),
    "rnch": ("ranch", "ranches", "rnchs"),
    "rpd": ("rapid",),
    "rpds": ("rapids",),
    "rst": ("rest",),
    "rdg": ("ridge", "rdge"),
    "riv": ("river", "rvr", "rivr"),
    "rd": ("road",),
    "rds": ("roads",),
    "rte": ("route",),
    "shr": ("shore",),
    "shrs": ("shores",),
    "skwy": ("skyway",),
    "spg": ("spring", "spng", "sprng"),
    "spgs": ("springs", "spngs", "sprngs"),
    "sq": ("square", "sqr", "sqre", "squ"),
    "sta": ("station", "statn", "stn"),
    # "Saint" folds here too, so "St Marks Pl" and "Saint Marks Place" meet.
    "st": ("street", "strt", "str", "strasse", "saint"),
    "sts": ("streets",),
    "smt": ("summit", "sumit", "sumitt"),
    "ter": ("terrace", "terr"),
    "trwy": ("throughway",),
    "trce": ("trace", "traces"),
    "trak": ("track", "tracks", "trk", "trks"),
    "trfy": ("trafficway",),
    "trl": ("trail", "trails", "trls"),
    "tunl": ("tunnel", "tunel", "tunls", "tunnels", "tunnl"),
    "tpke": ("turnpike", "trnpk", "turnpk"),
    "upas": ("underpass",),
    "un": ("union",),
    "vly": ("valley", "vally", "vlly"),
    "via": ("viaduct", "vdct", "viadct"),
    "vw": ("view",),
    "vlg": ("village", "vill", "villag", "villg", "villiage"),
    "vl": ("ville",),
    "vis": ("vista", "vist", "vst", "vsta"),
    "walk": ("walks",),
    "way": ("wy",),
    "wls": ("wells",),
}
_SUFFIX_OF: dict[str, str] = {
    spelling: std for std, spellings in _SUFFIXES.items() for spelling in (std, *spellings)
}
_STREET_TYPES = frozenset(_SUFFIXES)

_DIRECTIONALS: dict[str, str] = {
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
    "northeast": "ne",
    "northwest": "nw",
    "southeast": "se",
    "southwest": "sw",
    "n": "n",
    "s": "s",
    "e": "e",
    "w": "w",
    "ne": "ne",
    "nw": "nw",
    "se": "se",
    "sw": "sw",
}
_ORDINALS: dict[str, str] = {
    "first": "1st",
    "second": "2nd",
    "third": "3rd",
    "fourth": "4th",
    "fifth": "5th",
    "sixth": "6th",
    "seventh": "7th",
    "eighth": "8th",
    "ninth": "9th",
    "tenth": "10th",
    "eleventh": "11th",
    "twelfth": "12th",
}

#: USPS Publication 28, Appendix C2 (secondary unit designators that take a value), plus the
#: international "flat", "#" and the private mailbox "PMB" of a commercial mail receiving
#: agency (USPS DMM 508.1.8). All fold to one unit: "Apt 4B", "#4B", "PMB 4B" are equal.
_UNIT_DESIGNATORS = frozenset(
    "apartment apt unit suite ste room rm floor fl flr building bldg department dept hangar "
    "hngr lot pier slip space spc trailer trlr flat pmb #".split()
)
_FLOORS = frozenset({"floor", "fl", "flr"})
_GLUED_UNIT = re.compile(
    r"^(apartment|apt|unit|suite|ste|room|rm|floor|flr|fl|bldg|flat|lot|spc|trlr)(\d\w*)$"
)
_PO_BOX = re.compile(
    r"\b(?:p\s*\.?\s*o\s*\.?\s*b(?:ox)?|post\s+office\s+box|postbox|pob)\b\.?", re.IGNORECASE
)
_STREET_TOKEN = re.compile(r"#|[^\W_]+(?:[-/][^\W_]+)*")
_ORDINAL_NUMBER = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_STRASSE = re.compile(r"(?<=\w)(?:strasse|str)$")

#: NANP and other territories whose ZIP codes are five digits (ZIP+4 cut to ZIP5).
#: Street types followed by a route number, not a unit ("State Hwy 12").
_ROUTE_TYPES = frozenset({"hwy", "rte", "rd", "fwy", "expy", "tpke", "byp", "mtwy", "pike"})

_ZIP5_COUNTRIES = frozenset({"US", "PR", "VI", "GU", "AS", "MP", "UM", "FM", "MH", "PW"})


_DIGIT = re.compile(r"\d")
_NON_DIGITS = re.compile(r"\D+")


def _has_digit(token: str) -> bool:
    return _DIGIT.search(token) is not None


def _unit_value(token: str) -> str:
    """'#04-B' -> '4b', '3rd' -> '3': spelling of the same unit folded to one value."""
    value = token.replace("-", "").replace("/", "")
    ordinal = _ORDINAL_NUMBER.match(value)
    if ordinal:
        value = ordinal.group(1)
    if value.isdigit():
        value = value.lstrip("0") or "0"
    elif value[:1].isdigit():
        head = re.match(r"\d+", value)
        assert head is not None
        value = (head.group(0).lstrip("0") or "0") + value[head.end() :]
    return value


def _is_unit_value(token: str) -> bool:
    """'12', '4B', 'B' are unit values; 'Rd' after "Stop" is not ("Bus Stop Rd")."""
    if _has_digit(token):
        return True
    if len(token) == 1:
        return token.isalpha()
    return len(token) == 2 and token not in _SUFFIX_OF and token not in _DIRECTIONALS


@dataclass(frozen=True, slots=True)
class StreetParts:
    """A street line split into what identifies it; each part already normalised."""

    number: str  # house number ("4410", "4112" for "41-12", "pobox 123")
    name: str  # street name words ("industrial", "5" for "5th", "martin luther king jr")
    type: str  # USPS standard suffix ("pkwy") or "" when none was recognised
    dirs: str  # directionals, pre and post ("n", "n sw"), or ""
    unit: str  # unit values, sorted ("12", "3 12"), or ""


def parse_street(street: str) -> StreetParts:
    """Split a street line into number, name, type, directionals and unit (all folded).

    Works for the US order ("4410 Industrial Pkwy Unit 12"), a unit first ("Unit 12, 4410 …"),
    and the continental order ("Hauptstraße 5"). Every token is normalised on its own (suffix
    and directional words to their USPS abbreviation), so two spellings of one address always
    yield the same parts even where the parse of an unusual street is not what a human would do.
    """
    text = _PO_BOX.sub(" pobox ", fold(street))
    raw = _STREET_TOKEN.findall(text)
    tokens: list[str] = []
    for token in raw:
        if "-" in token and not _has_digit(token):
            tokens.extend(token.split("-"))
            continue
        glued = _GLUED_UNIT.match(token)
        if glued:
            tokens.extend(glued.groups())
            continue
        tokens.append(token)

    # Units first, wherever they are: a designator and the value after it (or, for floors,
    # an ordinal before it: "3rd Floor").
    units: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "no" and i + 1 < len(tokens) and _has_digit(tokens[i + 1]):
            i += 1  # "No. 5": a number sign, not part of the name
            continue
        if token in _UNIT_DESIGNATORS:
            if token in _FLOORS and rest and _ORDINAL_NUMBER.match(rest[-1]):
                units.append(_unit_value(rest.pop()))  # "3rd Floor"
                i += 1
                continue
            j = i + 1
            while j < len(tokens) and tokens[j] in ("#", "no"):
                j += 1
            if j < len(tokens) and _is_unit_value(tokens[j]):
                units.append(_unit_value(tokens[j]))
                i = j + 1
                continue
            if token == "#":
                i += 1
                continue
        rest.append(token)
        i += 1

    # House number: the leading number (US), else the first number after the street words
    # (continental). Any later bare number is a unit ("4410 Industrial Pkwy 12").
    number = ""
    words: list[str] = []
    if rest and rest[0] == "pobox":
        box = next((t for t in rest[1:] if _has_digit(t)), "")
        return StreetParts(f"pobox {_unit_value(box)}" if box else "pobox", "", "", "", "")
    if rest and _has_digit(rest[0]) and not _ORDINAL_NUMBER.match(rest[0]):
        number = rest[0].replace("-", "")
        start = 1
        if len(rest) > 1 and re.fullmatch(r"\d+/\d+", rest[1]):
            number += " " + rest[1]
            start = 2
        for token in rest[start:]:
            previous = _SUFFIX_OF.get(words[-1], "") if words else ""
            if token.isdigit() and previous in _STREET_TYPES and previous not in _ROUTE_TYPES:
                units.append(_unit_value(token))  # "4410 Industrial Pkwy 12"
            else:
                words.append(token)  # "Route 66", "County Road 12" keep their number
    else:
        for token in rest:
            if not number and words and token[:1].isdigit() and not _ORDINAL_NUMBER.match(token):
                number = token.replace("-", "")
            elif number and token.isdigit():
                units.append(_unit_value(token))
            else:
                words.append(token)

    normal: list[str] = []
    for token in words:
        token = _ORDINALS.get(token, token)
        ordinal = _ORDINAL_NUMBER.match(token)
        if ordinal:
            token = ordinal.group(1)  # "35th Ter" and "35 Ter" are one street
        token = _DIRECTIONALS.get(token, token)
        token = _SUFFIX_OF.get(token, token)
        token = _STRASSE.sub(" st", token)
        normal.extend(token.split())
    # "N.E." arrives as "n", "e": join adjacent single-letter directionals.
    merged: list[str] = []
    for token in normal:
        if merged and merged[-1] in ("n", "s") and token in ("e", "w"):
            merged[-1] += token
        else:
            merged.append(token)

    dirs: list[str] = []
    if len(merged) > 1 and merged[0] in _DIRECTIONALS.values():
        dirs.append(merged.pop(0))
    if len(merged) > 1 and merged[-1] in _DIRECTIONALS.values():
        dirs.append(merged.pop())
    street_type = ""
    for index in range(len(merged) - 1, -1, -1):
        if merged[index] in _STREET_TYPES and len(merged) > 1:
            street_type = merged.pop(index)
            break
    return StreetParts(
        number=number,
        name=" ".join(merged),
        type=street_type,
        dirs=" ".join(sorted(dirs)),
        unit=" ".join(sorted(units)),
    )


def _locality(country: str, postcode: str | None, city: str | None) -> str | None:
    """Postcode when there is one (ZIP5 for the US), else the folded city, else None."""
    if postcode:
        if postcode.isascii() and postcode.isalnum():
            code = postcode.upper()
        else:
            code = "".join(_WORD.findall(fold(postcode))).upper()
        if country in _ZIP5_COUNTRIES:
            if len(code) >= 5 and code[:5].isdigit():
                code = code[:5]
            else:
                digits = _NON_DIGITS.sub("", code)
                code = digits[:5] if len(digits) >= 5 else ""
        if code:
            return code
    if city:
        words = [_SUFFIX_OF.get(t, _DIRECTIONALS.get(t, t)) for t in _WORD.findall(fold(city))]
        if words:
            return "city " + " ".join(words)
    return None


@lru_cache(maxsize=_CACHE_SIZE)
def address_key(
    street: str | None,
    *,
    city: str | None = None,
    postcode: str | None = None,
    country: str | None = None,
) -> str | None:
    """The exact-match key of an address, or None when it is too vague to link on.

    Shape: ``country|locality|number|name|type|dirs|unit``, e.g.
    ``US|89502|4410|industrial|pkwy||12``. The locality is the postcode (ZIP5) when known and
    the city only without one, so "Queens" vs "Long Island City" on the same ZIP still meet.
    An address with no street, no locality, or neither a house number nor a unit gives None:
    "Main St, US" would link every parcel on every Main Street.
    """
    if not street:
        return None
    cc = (country or "").strip().upper()
    locality = _locality(cc, postcode, city)
    if locality is None:
        return None
    parts = parse_street(street)
    if not (parts.name or parts.number.startswith("pobox")):
        return None
    if not (parts.number or parts.unit):
        return None
    return _FIELD_SEP.join(
        (cc, locality, parts.number, parts.name, parts.type, parts.dirs, parts.unit)
    )


def address_block(key: str) -> str:
    """Where fuzzy matching looks: same country, locality and house number.

    `address_similarity` never matches across these, so an index on the block hands it only
    the few candidates that could match (not every seized address in a busy postcode).
    """
    return _FIELD_SEP.join(key.split(_FIELD_SEP, 3)[:3])


def address_similarity(a_key: str | None, b_key: str | None) -> float:
    """0..1: how likely two address keys are one address (1.0 exact).

    Gates first, because a string ratio alone would call "116th St" and "115th St", or "Unit 12"
    and "Unit 13", near-identical: country, locality, house number and unit must be equal, as
    must the street type and directionals when both sides have one, and the numbers inside the
    street name ("5th"). Only the street name is then compared fuzzily (rapidfuzz
    token_sort_ratio), which absorbs typos and word-order slips. A missing unit on one side is
    not a match: in a building of units each unit is a different drop.
    """
    if not a_key or not b_key:
        return 0.0
    if a_key == b_key:
        return 1.0
    a = a_key.split(_FIELD_SEP)
    b = b_key.split(_FIELD_SEP)
    if len(a) != 7 or len(b) != 7:
        return 0.0
    a_cc, a_loc, a_num, a_name, a_type, a_dirs, a_unit = a
    b_cc, b_loc, b_num, b_name, b_type, b_dirs, b_unit = b
    if (a_cc, a_loc, a_num, a_unit) != (b_cc, b_loc, b_num, b_unit):
        return 0.0
    if a_dirs and b_dirs and a_dirs != b_dirs:
        return 0.0
    if {t for t in a_name.split() if _has_digit(t)} != {t for t in b_name.split() if _has_digit(t)}:
        return 0.0
    if a_type and b_type:
        if a_type != b_type:
            return 0.0
        left, right = a_name, b_name
    else:  # an unknown suffix spelling ("Prkwy") stays in the name: compare whole streets
        left, right = f"{a_name} {a_type}".strip(), f"{b_name} {b_type}".strip()
    if not left or not right:
        return 0.0
    return fuzz.token_sort_ratio(left, right) / 100.0


def address_matches(a_key: str | None, b_key: str | None) -> bool:
    return address_similarity(a_key, b_key) >= ADDRESS_MATCH_THRESHOLD


# -- phones ----------------------------------------------------------------------------------

_NANP = frozenset(
    "US CA PR VI GU AS MP AG AI BB BM BS DM DO GD JM KN KY LC MS SX TC TT VC VG".split()
)
_CALLING_CODES: dict[str, str] = {
    **dict.fromkeys(_NANP, "1"),
    "CN": "86",
    "HK": "852",
    "MO": "853",
    "TW": "886",
    "JP": "81",
    "KR": "82",
    "IN": "91",
    "PK": "92",
    "BD": "880",
    "VN": "84",
    "TH": "66",
    "MY": "60",
    "SG": "65",
    "ID": "62",
    "PH": "63",
    "AU": "61",
    "NZ": "64",
    "GB": "44",
    "IE": "353",
    "DE": "49",
    "FR": "33",
    "NL": "31",
    "BE": "32",
    "LU": "352",
    "CH": "41",
    "AT": "43",
    "IT": "39",
    "ES": "34",
    "PT": "351",
    "PL": "48",
    "CZ": "420",
    "SE": "46",
    "NO": "47",
    "DK": "45",
    "FI": "358",
    "GR": "30",
    "RU": "7",
    "UA": "380",
    "TR": "90",
    "IL": "972",
    "AE": "971",
    "SA": "966",
    "EG": "20",
    "ZA": "27",
    "NG": "234",
    "KE": "254",
    "MX": "52",
    "BR": "55",
    "AR": "54",
    "CO": "57",
    "CL": "56",
    "PE": "51",
}
_KNOWN_CODES = frozenset(_CALLING_CODES.values())
#: Countries that keep the leading 0 after the country code (no trunk prefix to drop).
_KEEP_ZERO = frozenset({"39"})
_EXTENSION = re.compile(r"(?:ext\.?|extension|x)\s*\d{1,6}\s*$", re.IGNORECASE)
_PHONE_PLACEHOLDERS = frozenset({"1234567890", "0123456789", "1234567", "12345678", "123456789"})


def _split_code(digits: str) -> tuple[str, str]:
    """International digits -> (calling code, national number), for the codes we know."""
    for size in (1, 2, 3):
        if digits[:size] in _KNOWN_CODES:
            return digits[:size], digits[size:]
    return "", digits


def _e164(code: str, national: str) -> str | None:
    if code == "1":
        return f"+1{national[-10:]}" if len(national) >= 10 else None
    if code not in _KEEP_ZERO:
        national = national.lstrip("0")
    return f"+{code}{national}" if len(national) >= 6 else None


@lru_cache(maxsize=_CACHE_SIZE)
def phone_key(text: str | None, country: str | None = None) -> str | None:
    """E.164-style key: "+1 (212) 555-0100" and "212-555-0100" (US) are both "+12125550100".

    International numbers (a leading "+" or "00", "011" from NANP) keep their country code;
    national ones get the party country's code with the trunk "0" dropped. For NANP only the
    last 10 digits count, whatever prefix the shipper wrote. Extensions are ignored (the line
    is what links parties). Placeholders ("0000000000", "1234567890") and fragments shorter
    than 7 digits give None: they would link unrelated parcels. So does a national number with
    no country to place it in.
    """
    if not text:
        return None
    cleaned = _EXTENSION.sub("", text.strip())
    digits = "".join(ch for ch in cleaned if ch.isdigit())
    if len(digits) < 7 or len(set(digits)) == 1 or digits in _PHONE_PLACEHOLDERS:
        return None
    cc = (country or "").strip().upper()
    own = _CALLING_CODES.get(cc, "")
    international = cleaned.startswith("+")
    if not international and digits.startswith("00"):
        international, digits = True, digits[2:]
    elif not international and own == "1" and digits.startswith("011"):
        international, digits = True, digits[3:]
    if international:
        if len(digits) == 11 and digits.startswith("1"):
            return _e164("1", digits[1:])
        code, national = _split_code(digits)
        if code:
            return _e164(code, national)
        return f"+{digits}"
    if own == "1":
        if len(digits) == 10 or (len(digits) == 11 and digits.startswith("1")):
            return _e164("1", digits)
        return f"+1{digits[-10:]}" if len(digits) > 11 else None
    if own:
        if digits.startswith(own) and not digits.startswith("0") and len(digits) - len(own) >= 8:
            return _e164(own, digits[len(own) :])  # the code, written without its "+"
        return _e164(own, digits)
    # A country without a calling code in the table: its national digits, tagged with it.
    # No country at all: a national number cannot be placed, so it cannot link.
    return f"{cc}:{digits.lstrip('0')}" if cc else None


# -- e-mail ----------------------------------------------------------------------------------

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_GMAIL = frozenset({"gmail.com", "googlemail.com"})
#: Providers documented to deliver "name+tag@" to "name@".
_PLUS_PROVIDERS = frozenset(
    {"outlook.com", "hotmail.com", "live.com", "icloud.com", "me.com", "fastmail.com",
     "protonmail.com", "proton.me", "pm.me", "yandex.ru", "yandex.com"}
)  # fmt: skip
_EMAIL_PLACEHOLDERS = frozenset({"none", "noemail", "no-email", "na", "n/a", "null", "nil", "test"})


@lru_cache(maxsize=_CACHE_SIZE)
def email_key(text: str | None) -> str | None:
    """Mailbox key: trimmed and casefolded; Gmail dots and "+tags" removed (one inbox).

    "J.Doe+shop@GoogleMail.com" and "jdoe@gmail.com" reach the same inbox, so they are one
    key. Other providers keep their dots (they are significant there); "+tags" are dropped only
    where the provider documents plus-addressing.
    """
    if not text:
        return None
    value = text.strip().casefold()
    if value.startswith("mailto:"):
        value = value[7:]
    value = value.rstrip(".")
    if not _EMAIL.match(value):
        return None
    local, _, domain = value.rpartition("@")
    if domain in _GMAIL:
        domain = "gmail.com"
        local = local.split("+", 1)[0].replace(".", "")
    elif domain in _PLUS_PROVIDERS:
        local = local.split("+", 1)[0]
    if not local or local in _EMAIL_PLACEHOLDERS:
        return None
    return f"{local}@{domain}"


# -- parties ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntityKeys:
    """The keys of one party; None where the field is missing or too vague to link on.

    `business` is the key of the party's company name when it differs from the person's name
    (a drop address often names a person "c/o" a business); it links as a name too.
    """

    name: str | None
    address: str | None
    phone: str | None
    email: str | None
    business: str | None = None

    def pairs(self) -> list[tuple[str, str]]:
        """(kind, key) for every key present; the business name counts as kind "name"."""
        out: list[tuple[str, str]] = []
        for kind, key in (
            ("name", self.name),
            ("name", self.business),
            ("address", self.address),
            ("phone", self.phone),
            ("email", self.email),
        ):
            if key is not None and (kind, key) not in out:
                out.append((kind, key))
        return out


def entity_keys(party: Party) -> EntityKeys:
    """Normalise every linkable field of a party (see the *_key functions for the rules)."""
    name = name_key(party.name)
    business = name_key(party.business)
    return EntityKeys(
        name=name,
        address=address_key(
            party.street, city=party.city, postcode=party.postcode, country=party.country
        ),
        phone=phone_key(party.phone, party.country),
        email=email_key(party.email),
        business=business if business != name else None,
    )


def address_display(party: Party) -> str:
    """One line for people: the address as declared, fields joined."""
    return ", ".join(
        v for v in (party.street, party.city, party.state, party.postcode, party.country) if v
    )


def key_for(
    kind: str,
    value: str,
    *,
    country: str | None = None,
    city: str | None = None,
    postcode: str | None = None,
) -> str | None:
    """The key of one watchlist-style entry typed by a person (`value` as entered)."""
    if kind == "name":
        return name_key(value)
    if kind == "address":
        return address_key(value, city=city, postcode=postcode, country=country)
    if kind == "phone":
        return phone_key(value, country)
    if kind == "email":
        return email_key(value)
    raise ValueError(f"unknown entity kind {kind!r} (expected one of {', '.join(KINDS)})")


# -- volume keys ------------------------------------------------------------------------------


def key_hash(key: str) -> int:
    """A key as a signed 64-bit integer, for the volume index (a third of the text's size).

    Collisions (one in 2**64 per pair) could only merge two senders' or addresses' counts.
    """
    return int.from_bytes(blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)


_VOLUME_DROP = _UNIT_DESIGNATORS | frozenset(_DIRECTIONALS) | {"no"}


@lru_cache(maxsize=_CACHE_SIZE)
def volume_address_key(
    street: str | None, city: str | None, postcode: str | None, country: str | None
) -> str | None:
    """A cheap, order-free key of an address for counting parcels per drop.

    Every AED item is keyed at import, so this cannot afford `address_key`'s parse (~15 µs);
    it keeps what identifies a drop and forgets the order: the locality, then the street's
    words and numbers, each normalised with the same tables as `parse_street` (street types to
    their USPS abbreviation, "35th" to "35", unit designators, "#" and directionals dropped),
    sorted and de-duplicated. "Unit 12, 4410 Industrial Pkwy", "4410 INDUSTRIAL PARKWAY #12"
    and "4410 W Industrial Pkwy PMB 12" are one key. The price is that "12 Main St Apt 4410"
    and "4410 Main St Apt 12" are one too — a rare merge that can only add to a count.
    None when there is no locality or the street has no number or no word.
    """
    if not street:
        return None
    cc = (country or "").strip().upper()
    locality = _locality(cc, postcode, city)
    if locality is None:
        return None
    words: set[str] = set()
    numbers = False
    text = fold(street)
    if "box" in text or "pob" in text:
        text = _PO_BOX.sub(" pobox ", text)
    for token in _STREET_TOKEN.findall(text):
        if token in _VOLUME_DROP:
            continue
        if token.isalpha():
            if token.endswith(("str", "strasse")):
                token = _STRASSE.sub(" st", token).replace(" ", "")  # "hauptstr" = "hauptstrasse"
            words.add(_SUFFIX_OF.get(token, token))
            continue
        if token[0].isdigit():
            numbers = True
            ordinal = _ORDINAL_NUMBER.match(token)
            if ordinal:
                token = ordinal.group(1)
            words.add(token.lstrip("0") or "0")
            continue
        glued = _GLUED_UNIT.match(token)
        if glued:
            numbers = True
            words.add(glued.group(2).lstrip("0") or "0")
            continue
        words.add(token)
    if not numbers or len(words) < 2:
        return None
    return f"{cc}{_FIELD_SEP}{locality}{_FIELD_SEP}{' '.join(sorted(words))}"


def volume_day(sent_at: str | None) -> int | None:
    """The day (proleptic ordinal) of an AED send time as written, or None without one."""
    if not sent_at:
        return None
    try:
        return datetime.fromisoformat(sent_at.strip()).toordinal()
    except ValueError:
        return None


VolumeKeys = tuple[int | None, int | None, int | None]
"""(day, sender, addressee address) of one parcel: what the volume index stores."""


def volume_keys(
    sent_at: str | None,
    sender_name: str | None,
    sender_business: str | None,
    street: str | None,
    city: str | None,
    postcode: str | None,
    country: str | None,
) -> VolumeKeys:
    """(day, sender, addressee address) of one parcel for volume counting, keys hashed.

    The sender is known by its company name, else its name (the shipper's identity as
    declared); the addressee by `volume_address_key`, so "4410 Industrial Pkwy Unit 12" and
    "4410 Industrial Parkway, Unit #12" count as one drop. Plain fields in, so the AED reader
    process can key raw items before they are validated.
    """
    sender = name_key(sender_business) or name_key(sender_name)
    address = volume_address_key(street, city, postcode, country)
    return (
        volume_day(sent_at),
        key_hash(sender) if sender is not None else None,
        key_hash(address) if address is not None else None,
    )


def item_volume_keys(item: AedItem) -> VolumeKeys:
    """`volume_keys` of a validated item."""
    sender, addressee = item.sender, item.addressee
    return volume_keys(
        item.sent_at,
        sender.name,
        sender.business,
        addressee.street,
        addressee.city,
        addressee.postcode,
        addressee.country,
    )
