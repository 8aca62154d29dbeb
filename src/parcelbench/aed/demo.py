"""Synthetic advance electronic data (AED) for demos, tests and benchmarks.

`generate(n, seed)` streams `n` items in the ParcelBench AED interchange JSON shape (DOMAIN.md
§3), deterministic for a given ``(n, seed)`` and independent of the wall clock. The stream looks
like inbound e-commerce mail at a U.S. international mail facility: origin posts weighted like
real traffic (China, Hong Kong, UK, Canada, Germany, Japan, Korea, …), addressees all over the
U.S., an ordinary goods catalogue with plausible HS codes, values and weights, and valid UPU S10
ids that are unique across the whole stream.

What the data exercises (DOMAIN.md §4), on top of ordinary traffic:

* risk indicators on a few percent of items (``suspicious_rate``): vague descriptions, fentanyl
  precursors and their synonyms / CAS numbers under HS 2933, pill presses and punch-and-die sets,
  luxury brands at tiny values, "gift" items in commercial quantities, gross weight far below the
  sum of the pieces, zero declared value, and a small set of shared *drop addresses* receiving
  from many different senders, spelled in many variants (case, punctuation, ``Apt``/``#``/``Unit``,
  ``Blvd``/``Boulevard``, ZIP+4, phone formats) so that normalisation has work to do;
* incomplete AED (``missing_rate``): optional fields left out (phones, e-mails, postcodes, the
  sender's street, an HS code, the gross weight, the sending time) — never a required one;
* supersession: about 1 % of items are sent again later in the stream as version 2 with a
  changed field;
* Unicode: accented Latin, Vietnamese, Turkish, Polish, Cyrillic, Chinese, Japanese and Korean
  names and addresses; the quirks of real addresses (HK "999077", Japanese chome numbers, …).

`generate_labelled` yields the same items with their ground truth (:class:`DemoLabel`), for
measuring the risk engine. Pure stdlib. Name, address and goods pools are built once per seed
(~0.1 s, cached); after that each item costs a few 64-bit random draws sliced into table
indices, about 16 µs on the 2-core bench machine (~60,000 items/s; a sixth of it is
``s10.make``), in constant memory.
"""

from __future__ import annotations

import functools
import heapq
import math
import random
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

from parcelbench.aed.fields import LIST_FIELDS, PARTY_ROLES
from parcelbench.domain.aed import ITEM_SCALAR_FIELDS
from parcelbench.ids import s10

__all__ = [
    "DEFAULT_START",
    "DEMO_SEED",
    "OPTIONAL_FIELDS",
    "SUSPICIOUS_KINDS",
    "VAGUE_DESCRIPTIONS",
    "DemoLabel",
    "generate",
    "generate_labelled",
]

DEMO_SEED = 2026
"""The seed of the shipped demo data set."""

DEFAULT_START = datetime(2026, 11, 1, tzinfo=UTC)
"""Start of the stream when no ``start`` is given (keeps output independent of the clock)."""

SUSPICIOUS_KINDS: tuple[str, ...] = (
    "vague_description",
    "precursor",
    "pill_press",
    "counterfeit",
    "gift_commercial_quantity",
    "weight_mismatch",
    "zero_value",
    "drop_address",
)
"""Ground-truth labels an item may carry (see :class:`DemoLabel`)."""

OPTIONAL_FIELDS: tuple[str, ...] = (
    "sent_at",
    "gross_weight_kg",
    "sender.street",
    "sender.postcode",
    "sender.phone",
    "sender.email",
    "addressee.postcode",
    "addressee.phone",
    "addressee.email",
    "contents.hs_code",
)
"""Fields present on every complete item and left out on the ``missing_rate`` share."""

VAGUE_DESCRIPTIONS: tuple[str, ...] = (
    "Gift",
    "gift",
    "GIFT",
    "Sample",
    "samples",
    "Parts",
    "spare parts",
    "Goods",
    "goods",
    "Item",
    "items",
    "Accessories",
    "accessories",
    "Components",
    "food products",
    "Used things",
    "clothes",
    "Clothes",
    "Souvenirs",
    "humanitarian aid",
    "stuff",
    "Stuff",
)
"""The vague descriptions used for ``vague_description`` items (DOMAIN.md §4)."""


class DemoLabel(NamedTuple):
    """What an item really is: its suspicious kinds (empty = ordinary) and the fields left out."""

    suspicious: tuple[str, ...]
    missing: tuple[str, ...]


_SERIALS = 10**8
_V2_RATE = 0.01
_V2_DELAY = (20, 2000)  # v2 follows its v1 by this many items

# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------

_LETTERS = "ABEGHJLNPRSTWXYZ"  # safe in GB inward codes and Canadian postcodes
_ALNUM = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_FOLD = str.maketrans(
    {"ß": "ss", "Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "ø": "o", "Ø": "O", "æ": "ae", "ı": "i"}
)
_ZERO_DECIMAL = frozenset({"JPY", "KRW"})


@functools.cache
def _compile(template: str) -> tuple[str, int, bool]:
    """A `_fill` template as a format string, its number of ``#`` and whether it has letters."""
    fmt = template.replace("{", "{{").replace("}", "}}").replace("#", "{}")
    return fmt, template.count("#"), "@" in template or "?" in template


def _fill(template: str, rng: random.Random) -> str:
    """Replace ``#`` by a digit, ``@`` by a letter and ``?`` by a letter or digit (init only)."""
    fmt, k, letters = _compile(template)
    if letters:
        out = []
        for ch in template:
            if ch == "#":
                out.append(str(rng.randrange(10)))
            elif ch == "@":
                out.append(rng.choice(_LETTERS))
            elif ch == "?":
                out.append(rng.choice(_ALNUM))
            else:
                out.append(ch)
        return "".join(out)
    return fmt.format(*f"{rng.randrange(10**k):0{k}d}") if k else template


def _ascii(text: str) -> str:
    """Lower-case ASCII fold for e-mail local parts ("Núñez" → "nunez", "O'Brien" → "obrien")."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in folded if c.isascii() and c.isalnum()).lower()


@functools.cache
def _tails(pattern: str) -> tuple[str, ...]:
    """`pattern` (three ``#`` and separators) filled with 000…999."""
    fmt = pattern.replace("#", "{}")
    return tuple(fmt.format(*f"{i:03d}") for i in range(1000))


class _Phones:
    """Phone numbers from a ``#``-template: 128 random heads, the last digits drawn per call."""

    __slots__ = ("heads", "tails")

    def __init__(self, template: str, rng: random.Random) -> None:
        if template.endswith("####"):  # most: the last four digits are a block
            cut = len(template) - 4
            self.tails: tuple[str, ...] | None = None
        else:
            cut = [i for i, ch in enumerate(template) if ch == "#"][-3]
            self.tails = _tails(template[cut:])
        self.heads = tuple(_fill(template[:cut], rng) for _ in range(128))

    def __call__(self, gb: Callable[[int], int]) -> str:
        b = gb(21)
        if self.tails is None:
            return f"{self.heads[b & 127]}{(b >> 7) % 10_000:04d}"
        return f"{self.heads[b & 127]}{self.tails[(b >> 7) % 1000]}"


def _table(pairs: Sequence[tuple[Any, float]], size: int = 1000) -> tuple[Any, ...]:
    """Expand weights into a flat table of `size` entries: an index into it is a weighted draw."""
    total = sum(w for _, w in pairs)
    out: list[Any] = []
    acc = 0.0
    for value, weight in pairs:
        acc += weight
        out.extend([value] * (round(acc / total * size) - len(out)))
    return tuple(out)


def _pow2(values: Sequence[Any], size: int) -> tuple[Any, ...]:
    """`values` spread evenly over a table of `size` entries."""
    return _table([(v, 1.0) for v in values], size)


def _money(cents: int) -> str:
    """Cents as a decimal string with two decimals."""
    return f"{cents // 100}.{cents % 100:02d}"


# --------------------------------------------------------------------------------------------
# People: names per language ("Latin|native" — the native script is used for a few names)
# --------------------------------------------------------------------------------------------


class _Lang:
    __slots__ = ("family", "given", "middle", "native_rate", "order")

    def __init__(
        self,
        given: str,
        family: str,
        *,
        order: str = "gf",
        native_rate: float = 0.0,
        middle: str = "",
    ) -> None:
        self.given = [self._entry(x) for x in given.split(",")]
        self.family = [self._entry(x) for x in family.split(",")]
        self.middle = [m.strip() for m in middle.split(",") if m.strip()]
        self.order = order  # gf: given family · fg: either order in Latin · vi: family middle given
        self.native_rate = native_rate

    @staticmethod
    def _entry(raw: str) -> tuple[str, str | None, str]:
        latin, _, native = raw.strip().partition("|")
        return latin, native or None, _ascii(latin) or "user"

    def name(self, r: Callable[[], float]) -> tuple[str, str, str]:
        """A person's name and the ASCII forms of given and family name (for e-mails)."""
        g = self.given[int(r() * len(self.given))]
        f = self.family[int(r() * len(self.family))]
        x = r()
        if x < self.native_rate and g[1] and f[1]:
            if self.order == "gf":
                name = f"{g[1]} {f[1]}"
            elif self.order == "fg_space":
                name = f"{f[1]} {g[1]}"
            else:
                name = f"{f[1]}{g[1]}"
        elif self.order == "gf":
            name = f"{g[0]} {f[0]}"
        elif self.order == "vi":
            name = f"{f[0]} {self.middle[int(x * 997) % len(self.middle)]} {g[0]}"
        elif x < 0.55:
            name = f"{f[0]} {g[0]}"
        elif x < 0.95:
            name = f"{g[0]} {f[0]}"
        else:
            name = f"{f[0].upper()} {g[0]}"
        return name, g[2], f[2]


_EN = _Lang(
    "Oliver,Amelia,Harry,Isla,Jack,Emily,George,Sophie,Noah,Charlotte,James,Olivia,William,"
    "Grace,Thomas,Chloe,Liam,Emma,Ethan,Hannah,Michael,Jessica,David,Sarah,Daniel,Ashley,"
    "Christopher,Brittany,Matthew,Jennifer,Zoë,Renée",
    "Smith,Jones,Taylor,Brown,Williams,Wilson,Johnson,Davies,Robinson,Wright,Thompson,Evans,"
    "Walker,White,Roberts,Green,Hall,Wood,Clarke,O'Brien,MacDonald,Miller,Davis,Anderson,"
    "Jackson,Harris,Martin,Moore,Lewis,Young,King,Scott,Baker,Mitchell,Campbell,Tremblay",
)
_LANGS: dict[str, _Lang] = {
    "en": _EN,
    "zh": _Lang(
        "Wei|伟,Fang|芳,Na|娜,Min|敏,Jing|静,Lei|磊,Yang|洋,Jie|杰,Tao|涛,Ming|明,Chao,Xiuying,Xia,"
        "Hui,Qiang,Jun,Yan,Ping,Gang,Hao,Yu,Xin,Li,Amy,Kevin,Lily,Jack,Sunny,Coco,Eric",
        "Wang|王,Li|李,Zhang|张,Liu|刘,Chen|陈,Yang|杨,Huang|黄,Zhao|赵,Wu|吴,Zhou|周,Xu,Sun,Ma,Zhu,"
        "Hu,Guo,He,Lin,Luo,Gao",
        order="fg",
        native_rate=0.07,
    ),
    "hk": _Lang(
        "Ka Ming|家明,Wai Man|慧敏,Mei Ling|美玲,Siu Fung,Chi Keung,Hoi Yan,Kelvin,Winnie,Ivan,"
        "Karen,Jason,Vivian,Tommy,Ada",
        "Chan|陳,Wong|黃,Cheung|張,Lau|劉,Leung|梁,Lee,Ho,Ng,Cheng,Tang,Yip,Kwok",
        order="fg",
        native_rate=0.05,
    ),
    "tw": _Lang(
        "Chia-Hao|家豪,Yu-Ting|雨婷,Shu-Fen|淑芬,Chih-Ming|志明,Wei-Lun,Hsin-Yi,Po-Han,Ya-Ting,"
        "Kuan-Yu,I-Chen",
        "Chen|陳,Lin|林,Huang|黃,Wang|王,Lee|李,Chang,Wu,Liu,Tsai,Yang,Hsu,Cheng",
        order="fg",
        native_rate=0.06,
    ),
    "ja": _Lang(
        "Haruto|陽翔,Yui|結衣,Sota|蒼太,Hina|陽菜,Ren|蓮,Sakura|さくら,Kenji|健二,Yuki|由紀,Yuto,"
        "Aoi,Takumi,Yuna,Hiroshi,Akiko",
        "Sato|佐藤,Suzuki|鈴木,Takahashi|高橋,Tanaka|田中,Watanabe|渡辺,Ito|伊藤,Yamamoto|山本,"
        "Nakamura|中村,Kobayashi,Kato,Yoshida,Yamada",
        order="fg_space",
        native_rate=0.1,
    ),
    "ko": _Lang(
        "Min-jun|민준,Seo-yeon|서연,Ji-ho|지호,Ha-eun|하은,Do-yun|도윤,Ji-woo|지우,Seo-jun,Su-bin,"
        "Ye-jin,Hyun-woo",
        "Kim|김,Lee|이,Park|박,Choi|최,Jung|정,Kang|강,Cho,Yoon,Jang,Lim",
        order="fg",
        native_rate=0.1,
    ),
    "de": _Lang(
        "Lukas,Anna,Jonas,Lea,Leon,Hannah,Finn,Mia,Paul,Lena,Jürgen,Jörg,Sören,Käthe,Uwe,Birgit",
        "Müller,Schmidt,Schneider,Fischer,Weber,Meyer,Wagner,Becker,Schulz,Hoffmann,Schäfer,Koch,"
        "Bauer,Richter,Klein,Wolf,Schröder,Neumann,Schwarz,Zimmermann,Krüger,Hartmann,Weiß",
    ),
    "fr": _Lang(
        "Léa,Chloé,Hugo,Lucas,Manon,Théo,Inès,Louis,Jules,Zoé,Gabriel,Camille,Raphaël,Océane,"
        "François,Hélène",
        "Martin,Bernard,Dubois,Thomas,Robert,Richard,Petit,Durand,Leroy,Moreau,Lefèvre,Rousseau,"
        "Fournier,Girard,Bonnet,Mercier,Garnier,Chevalier",
    ),
    "nl": _Lang(
        "Daan,Emma,Sem,Julia,Lucas,Tess,Bram,Sophie,Levi,Fenna,Jan,Anouk,Sanne,Ruud",
        "de Jong,Jansen,de Vries,van den Berg,van Dijk,Bakker,Janssen,Visser,Smit,Meijer,de Boer,"
        "Mulder,de Groot",
    ),
    "it": _Lang(
        "Giuseppe,Maria,Francesco,Giulia,Alessandro,Sofia,Lorenzo,Aurora,Matteo,Chiara,Niccolò",
        "Rossi,Russo,Ferrari,Esposito,Bianchi,Romano,Colombo,Ricci,Marino,Greco,Bruno,Gallo,Conti,"
        "De Luca,Mancini,Costa",
    ),
    "es": _Lang(
        "José,María,Juan,Guadalupe,Luis,Sofía,Carlos,Valentina,Jesús,Camila,Andrés,Lucía,"
        "Alejandro,Ximena,Martín,Ángel,Mónica,Raúl",
        "Núñez,García,Hernández,López,Martínez,González,Rodríguez,Pérez,Sánchez,Ramírez,Flores,"
        "Gómez,Díaz,Vázquez,Jiménez,Muñoz,Álvarez,Ortiz,Ibáñez,Peña",
    ),
    "pt": _Lang(
        "João,Ana,Pedro,Beatriz,Lucas,Júlia,Gabriel,Larissa,Mateus,Letícia,Thiago,Fernanda",
        "Silva,Santos,Oliveira,Souza,Lima,Pereira,Ferreira,Costa,Rodrigues,Almeida,Araújo,"
        "Gonçalves,Conceição",
    ),
    "pl": _Lang(
        "Jakub,Zuzanna,Antoni,Zofia,Łukasz,Małgorzata,Wojciech,Agnieszka,Paweł,Katarzyna",
        "Nowak,Kowalski,Wiśniewski,Wójcik,Kowalczyk,Kamiński,Lewandowski,Zieliński,Szymański,"
        "Woźniak",
    ),
    "uk": _Lang(
        "Oleksandr|Олександр,Andrii|Андрій,Mariia|Марія,Olena|Олена,Dmytro|Дмитро,"
        "Nataliia|Наталія,Ivan|Іван,Yuliia|Юлія",
        "Shevchenko|Шевченко,Kovalenko|Коваленко,Bondarenko|Бондаренко,Tkachenko|Ткаченко,"
        "Kravchenko|Кравченко,Melnyk|Мельник,Boiko|Бойко,Koval|Коваль",
        native_rate=0.4,
    ),
    "hi": _Lang(
        "Aarav,Priya,Vivaan,Ananya,Aditya,Diya,Arjun,Ishaan,Kavya,Rohan,Sneha,Rahul,Pooja,Vikram,"
        "Neha",
        "Sharma,Verma,Patel,Gupta,Singh,Kumar,Reddy,Iyer,Nair,Mehta,Joshi,Das,Rao,Agarwal,Chopra",
    ),
    "pk": _Lang(
        "Muhammad,Ali,Ayesha,Fatima,Hassan,Zainab,Bilal,Hira,Usman,Sana,Imran,Saima",
        "Khan,Ahmed,Malik,Hussain,Qureshi,Chaudhry,Butt,Sheikh,Raza,Iqbal",
    ),
    "th": _Lang(
        "Somchai|สมชาย,Nattapong,Siriporn|ศิริพร,Kanya,Ananda,Pimchanok,Thanawat,Supaporn,Wichai,"
        "Kittisak",
        "Saetang|แซ่ตั้ง,Srisuk|ศรีสุข,Wongsawat,Chaiyaporn,Rattanakorn,Boonmee,Phromma,Thongchai,"
        "Suksawat,Kaewkla",
        native_rate=0.04,
    ),
    "vi": _Lang(
        "An,Bình,Chi,Dũng,Hà,Hải,Hương,Khánh,Linh,Minh,Ngọc,Phúc,Quân,Thảo,Trang,Tuấn,Việt",
        "Nguyễn,Trần,Lê,Phạm,Hoàng,Huỳnh,Phan,Vũ,Võ,Đặng,Bùi,Đỗ",
        order="vi",
        middle="Văn,Thị,Đức,Ngọc,Minh,Thanh,Quốc",
    ),
    "tr": _Lang(
        "Mehmet,Ayşe,Mustafa,Fatma,Ahmet,Zeynep,Emre,Elif,Burak,Özlem,Çağrı,İbrahim,Gül",
        "Yılmaz,Kaya,Demir,Şahin,Çelik,Yıldız,Yıldırım,Öztürk,Aydın,Özdemir,Arslan,Doğan,Kılıç,"
        "Aslan,Çetin",
    ),
    "ng": _Lang(
        "Chinedu,Ngozi,Oluwaseun,Aisha,Emeka,Funmilayo,Ibrahim,Chiamaka,Tunde,Adaeze,Yusuf,Bolaji",
        "Okafor,Adeyemi,Okonkwo,Bello,Eze,Ogunleye,Abubakar,Nwosu,Balogun,Adebayo,Obi,Olawale",
    ),
    "he": _Lang(
        "Noam,Tamar,Yosef,Noa,David,Maya,Ariel,Shira,Itai,Yael",
        "Cohen,Levi,Mizrahi,Peretz,Biton,Friedman,Avraham,Dahan,Azoulay,Katz",
    ),
    "ph": _Lang(
        "Jose,Maria,Mark,Angel,John Paul,Kristine,Jerome,Princess,Carlo,Joy",
        "Santos,Reyes,Cruz,Bautista,Ocampo,Garcia,Mendoza,Torres,Dela Cruz,Villanueva",
    ),
    "sg": _Lang(
        "Wei Ming,Hui Min,Jun Jie,Xin Yi,Ryan,Rachel,Marcus,Cheryl,Siti,Arjun",
        "Tan,Lim,Lee,Ng,Ong,Wong,Goh,Chua,Koh,Teo",
        order="fg",
    ),
    # U.S. addressees with Vietnamese, Chinese, Korean roots keep their names' own scripts rarely.
}

# --------------------------------------------------------------------------------------------
# Goods catalogue: (group, description, HS code, value USD cents lo–hi, unit grams lo–hi, max qty)
# --------------------------------------------------------------------------------------------

_CATALOGUE: tuple[tuple[str, str, str, int, int, int, int, int], ...] = (
    ("electronics", "Silicone phone case", "3926.90.9990", 199, 1299, 30, 60, 5),
    ("electronics", "Tempered glass screen protector", "7007.19", 99, 699, 20, 40, 5),
    ("electronics", "LED strip lights 5 m RGB", "9405.42", 799, 2599, 200, 400, 4),
    ("electronics", "USB-C charging cable 2 m", "8544.42.9090", 199, 899, 40, 80, 6),
    ("electronics", "Wireless earbuds", "8518.30.2000", 1199, 4599, 60, 120, 2),
    ("electronics", "Bluetooth speaker", "8518.22", 1499, 3999, 300, 600, 2),
    ("electronics", "Power bank 10000 mAh", "8507.60", 999, 2999, 200, 300, 2),
    ("electronics", "Phone charger 20 W", "8504.40.9550", 399, 1499, 50, 110, 3),
    ("electronics", "Computer mouse", "8471.60.9050", 499, 2499, 80, 150, 2),
    ("electronics", "Mechanical keyboard", "8471.60.2000", 2999, 8999, 700, 1100, 1),
    ("electronics", "microSD memory card 128 GB", "8523.51", 699, 2499, 5, 15, 4),
    ("electronics", "Smart watch", "8517.62", 1999, 6999, 60, 120, 1),
    ("electronics", "Action camera", "8525.89", 3999, 11999, 150, 300, 1),
    ("electronics", "Soldering iron kit", "8515.11", 999, 2999, 300, 600, 1),
    ("electronics", "LED flashlight", "8513.10", 399, 1599, 80, 250, 3),
    ("electronics", "Smart watch band", "9113.90", 199, 799, 20, 40, 5),
    ("apparel", "Women's cotton T-shirt", "6109.10.0040", 399, 1499, 120, 200, 5),
    ("apparel", "Men's knitted sweater", "6110.20.2010", 1199, 3499, 350, 600, 3),
    ("apparel", "Polyester maxi dress", "6204.43", 799, 2999, 200, 400, 3),
    ("apparel", "Denim jeans", "6203.42.4011", 1299, 3999, 450, 700, 3),
    ("apparel", "Hooded sweatshirt", "6110.30", 999, 2999, 400, 650, 3),
    ("apparel", "Yoga leggings", "6104.63", 599, 1999, 150, 250, 4),
    ("apparel", "Silk scarf", "6214.10", 799, 3999, 50, 100, 3),
    ("apparel", "Baseball cap", "6505.00", 399, 1499, 80, 120, 4),
    ("apparel", "Wool socks (5 pairs)", "6115.94", 599, 1599, 200, 300, 3),
    ("apparel", "Winter gloves", "6116.93", 499, 1599, 80, 150, 3),
    ("apparel", "Embroidered cotton kurta", "6211.42", 999, 2999, 200, 350, 4),
    ("footwear", "Running shoes", "6404.11", 1799, 5999, 600, 900, 2),
    ("footwear", "Leather ankle boots", "6403.91", 2999, 8999, 900, 1400, 1),
    ("footwear", "Rubber flip-flops", "6402.20", 299, 999, 200, 350, 3),
    ("footwear", "Canvas sneakers", "6404.19", 1299, 3499, 500, 800, 2),
    ("books", "Paperback novel", "4901.99.0093", 499, 1899, 200, 450, 4),
    ("books", "Children's picture book", "4903.00", 399, 1499, 150, 400, 4),
    ("books", "Hardcover cookbook", "4901.99", 1499, 3999, 700, 1300, 2),
    ("books", "Manga volume", "4901.99", 599, 1299, 150, 250, 8),
    ("books", "Vinyl record", "8523.80", 1599, 3999, 180, 300, 3),
    ("toys", "LEGO set", "9503.00.0073", 1999, 11999, 300, 1500, 2),
    ("toys", "LEGO Technic building set", "9503.00.0073", 3999, 17999, 800, 2500, 1),
    ("toys", "Plush toy", "9503.00.0090", 299, 1499, 100, 300, 4),
    ("toys", "Remote control car", "9503.00", 1499, 4999, 400, 900, 1),
    ("toys", "Jigsaw puzzle 1000 pieces", "9503.00", 799, 2499, 500, 800, 2),
    ("toys", "Trading card booster box", "9504.40", 2999, 11999, 300, 600, 2),
    ("toys", "Board game", "9504.90", 1499, 4999, 800, 1500, 1),
    ("toys", "Anime figure", "9503.00", 999, 5999, 150, 600, 2),
    ("cosmetics", "Lipstick set", "3304.10", 499, 1999, 60, 150, 3),
    ("cosmetics", "Eye shadow palette", "3304.20", 599, 2499, 80, 200, 3),
    ("cosmetics", "Face moisturizer 50 ml", "3304.99.5000", 799, 3499, 80, 150, 3),
    ("cosmetics", "Sheet face masks (10 pcs)", "3304.99", 499, 1499, 200, 300, 4),
    ("cosmetics", "Sunscreen SPF 50", "3304.99", 599, 2199, 60, 120, 4),
    ("cosmetics", "Nail polish", "3304.30", 199, 999, 30, 60, 6),
    ("cosmetics", "Shampoo 500 ml", "3305.10", 399, 1599, 520, 580, 3),
    ("food", "Green tea leaves 250 g", "0902.10", 599, 2499, 260, 300, 4),
    ("food", "Oolong tea 100 g", "0902.30", 699, 3999, 110, 150, 4),
    ("food", "Black tea bags (100)", "0902.40", 399, 1299, 220, 260, 4),
    ("food", "Matcha green tea powder 100 g", "0902.10", 999, 2999, 110, 140, 3),
    ("food", "Instant coffee 200 g", "2101.11", 499, 1499, 220, 260, 3),
    ("food", "Milk chocolate bars", "1806.32", 299, 1199, 100, 250, 6),
    ("food", "Masala spice mix 100 g", "0910.91", 199, 799, 110, 130, 6),
    ("auto", "Car brake pads (set of 4)", "8708.30.5090", 1499, 5999, 1000, 2500, 2),
    ("auto", "LED headlight bulbs H11", "8539.52", 999, 2999, 150, 300, 2),
    ("auto", "Motorcycle air filter", "8421.31", 699, 2499, 150, 400, 2),
    ("auto", "Spark plugs (set of 4)", "8511.10", 899, 2999, 200, 300, 2),
    ("auto", "Oil filter", "8421.23", 399, 1499, 200, 400, 3),
    ("auto", "Wiper blades", "8512.40", 599, 1999, 200, 400, 2),
    ("auto", "OBD2 diagnostic scanner", "9031.80", 1299, 4999, 150, 400, 1),
    ("jewelry", "Sterling silver necklace", "7113.11", 1499, 7999, 10, 40, 2),
    ("jewelry", "Fashion earrings", "7117.19", 99, 599, 5, 20, 6),
    ("jewelry", "Stainless steel ring", "7117.19", 199, 999, 5, 15, 4),
    ("jewelry", "Beaded bracelet", "7117.90", 199, 1299, 10, 40, 5),
    ("jewelry", "Freshwater pearl earrings", "7116.10", 999, 4999, 5, 15, 2),
    ("home", "Ceramic coffee mug", "6912.00", 399, 1499, 300, 450, 4),
    ("home", "Stainless steel water bottle", "9617.00", 699, 2499, 250, 400, 3),
    ("home", "Kitchen knife", "8211.91", 799, 3999, 150, 300, 2),
    ("home", "Cotton bedsheet set", "6302.31", 1999, 5999, 1200, 1800, 1),
    ("home", "Throw pillow cover", "6304.93", 299, 999, 80, 150, 4),
    ("home", "Wall clock", "9105.21", 999, 2999, 400, 900, 1),
    ("home", "Scented candles (set of 3)", "3406.00", 699, 2499, 400, 700, 2),
    ("home", "Bamboo cutting board", "4419.12", 599, 1999, 500, 900, 2),
    ("home", "Porcelain tea set", "6911.10", 1999, 7999, 1200, 2000, 1),
    ("home", "Aquarium air pump", "8414.80", 699, 1999, 250, 450, 2),
    ("sports", "Yoga mat", "9506.91", 999, 2999, 800, 1500, 1),
    ("sports", "Fishing lures set", "9507.90", 499, 1999, 100, 300, 3),
    ("sports", "Resistance bands", "9506.91", 499, 1499, 150, 400, 3),
    ("sports", "Cycling gloves", "6216.00", 599, 1999, 60, 120, 3),
    ("sports", "Camping headlamp", "8513.10", 499, 1999, 60, 120, 3),
    ("sports", "Golf balls (12)", "9506.32", 1499, 3999, 540, 600, 2),
    ("sports", "Hand-stitched soccer ball", "9506.62", 999, 2999, 400, 450, 4),
    ("misc", "Acrylic paint set", "3213.10", 599, 1999, 300, 600, 2),
    ("misc", "Fountain pen", "9608.30", 999, 4999, 20, 50, 3),
    ("misc", "Vinyl stickers", "4911.99", 199, 699, 10, 50, 8),
    ("misc", "Guitar strings", "9209.30", 399, 1499, 30, 60, 4),
    ("misc", "Phone tripod", "9620.00", 599, 1999, 150, 400, 2),
    ("misc", "Sunglasses", "9004.10", 299, 1499, 30, 60, 3),
    ("misc", "Leather wallet", "4202.31", 599, 2499, 80, 150, 2),
    ("misc", "Laptop backpack", "4202.92", 1499, 4499, 600, 1000, 1),
    ("misc", "Vitamin C 1000 mg (60 tablets)", "2106.90", 499, 1999, 80, 150, 3),
    ("misc", "Reading glasses", "9004.90", 299, 1499, 20, 50, 3),
)
_GROUP_LABEL = {
    "electronics": "electronics",
    "apparel": "clothing",
    "footwear": "shoes",
    "books": "books",
    "toys": "toys",
    "cosmetics": "cosmetics",
    "food": "tea and food",
    "auto": "car parts",
    "jewelry": "jewellery",
    "home": "household goods",
    "sports": "sports goods",
    "misc": "personal items",
}
_PROFILES: dict[str, dict[str, float]] = {
    "factory": {
        "electronics": 30, "apparel": 14, "toys": 10, "home": 12, "jewelry": 8, "cosmetics": 5,
        "auto": 6, "sports": 5, "footwear": 5, "misc": 6, "food": 1,
    },
    "western": {
        "books": 18, "apparel": 16, "cosmetics": 9, "home": 10, "toys": 9, "auto": 9,
        "electronics": 11, "food": 5, "sports": 6, "misc": 5, "footwear": 2,
    },
    "beauty": {
        "cosmetics": 35, "apparel": 14, "electronics": 10, "food": 10, "toys": 14, "books": 6,
        "home": 5, "auto": 3, "misc": 3,
    },
    "textile": {
        "apparel": 38, "jewelry": 12, "food": 12, "home": 14, "cosmetics": 6, "sports": 10,
        "misc": 5, "footwear": 3,
    },
    "latam": {
        "apparel": 18, "jewelry": 12, "food": 14, "home": 14, "footwear": 10, "cosmetics": 8,
        "books": 5, "misc": 10, "electronics": 9,
    },
}  # fmt: skip


def _hs_forms(code: str) -> tuple[str, ...]:
    """How senders write one HS/HTS code: dotted, plain digits, or cut to six digits."""
    digits = code.replace(".", "")
    six = f"{digits[:4]}.{digits[4:6]}"
    if len(digits) > 6:
        return (code, code, code, code, code, digits, digits, six)
    return (code, code, code, code, code, digits, digits, digits)


class _Good(NamedTuple):
    group: str
    description: str
    hs: tuple[str, ...]
    lo: int
    span: int
    glo: int
    gspan: int
    maxq: int


_GOODS: tuple[_Good, ...] = tuple(
    _Good(g, d, _hs_forms(hs), lo, hi - lo + 1, glo, ghi - glo + 1, mq)
    for g, d, hs, lo, hi, glo, ghi, mq in _CATALOGUE
)
_GROUP_OF = {g.description: g.group for g in _GOODS}
_CHEAP_GOODS: tuple[_Good, ...] = tuple(
    g for g in _GOODS if g.lo + g.span <= 1400 and g.glo + g.gspan <= 90
)

# --------------------------------------------------------------------------------------------
# Suspicious goods
# --------------------------------------------------------------------------------------------

_PRECURSORS: tuple[str, ...] = (
    "4-AP",
    "4-AP (4-anilinopiperidine)",
    "4-anilinopiperidine",
    "N-phenylpiperidin-4-amine",
    "1-boc-4-AP",
    "tert-butyl 4-(phenylamino)piperidine-1-carboxylate",
    "1-boc-4-piperidone",
    "1-Boc-4-piperidone 99%",
    "tert-butyl 4-oxopiperidine-1-carboxylate",
    "CAS 79099-07-3",
    "CAS 79099-07-3 powder",
    "N-phenethyl-4-piperidone",
    "NPP (N-phenethyl-4-piperidone)",
    "CAS 39742-60-4",
    "4-piperidone monohydrate hydrochloride",
    "ANPP",
    "4-anilino-N-phenethylpiperidine",
    "research chemical",
    "Research chemicals for lab use",
    "white powder",
    "White Powder",
    "Xylazine HCl powder",
    "Protonitazene",
)
_PRECURSOR_HS = ("2933.39", "2933.39.6100", "2933.39.9100", "2933.99", "2933.34", "2933.33")
_PRESSES: tuple[tuple[str, str, int, int, int, int], ...] = (
    # description, HS, value USD cents lo–hi, weight grams lo–hi
    ("TDP-5 tablet press machine", "8479.89", 12000, 45000, 20000, 28000),
    ("TDP-0 desktop pill press", "8479.89", 8000, 30000, 12000, 16000),
    ("Single punch tablet press", "8479.89.9499", 9000, 40000, 18000, 25000),
    ("Manual pill press", "8479.89", 3000, 12000, 3000, 6000),
    ("Pill press punch and die set 10 mm", "8479.89", 1500, 6000, 400, 1500),
    ("Tablet press mold with custom logo", "8479.89", 1200, 5000, 300, 1200),
    ("TDP punch die set", "8479.89", 1500, 5500, 500, 1500),
    ("Rotary tablet press spare punches", "8479.89", 2000, 8000, 1000, 3000),
    ("Capsule filling machine 100 holes", "8479.89", 2500, 9000, 2000, 5000),
)
_BRANDS: tuple[tuple[str, str, int, int], ...] = (
    # description, HS, unit grams lo–hi
    ("Rolex Submariner watch", "9102.11", 120, 180),
    ("Louis Vuitton handbag", "4202.21", 500, 900),
    ("Gucci leather belt", "4203.30", 150, 250),
    ("Nike Air Jordan 1 sneakers", "6404.11", 800, 1100),
    ("Chanel No. 5 perfume 100 ml", "3303.00", 250, 350),
    ("Apple AirPods Pro", "8518.30", 50, 90),
    ("Cartier Love bracelet", "7113.19", 20, 40),
    ("Ray-Ban Wayfarer sunglasses", "9004.10", 40, 60),
    ("Hermès Birkin bag", "4202.21", 900, 1300),
    ("Beats Studio headphones", "8518.30", 250, 350),
    ("Canada Goose parka", "6201.40", 1400, 2000),
    ("Moncler down jacket", "6201.40", 800, 1200),
    ("Dior Sauvage eau de toilette", "3303.00", 250, 350),
    ("Yeezy Boost 350 shoes", "6404.11", 700, 950),
    ("Pandora charm bracelet", "7113.11", 20, 40),
    ("Oakley sunglasses", "9004.10", 30, 50),
)

# --------------------------------------------------------------------------------------------
# Origin countries
# --------------------------------------------------------------------------------------------

_PERSONAL_MAIL = ("gmail.com", "gmail.com", "gmail.com", "outlook.com", "hotmail.com", "yahoo.com")


class _Country:
    __slots__ = (
        "biz_rate",
        "biz_templates",
        "biz_words",
        "cities",
        "code",
        "currency",
        "goods",
        "k_biz",
        "k_cn",
        "lang",
        "lang_key",
        "made_in_cn",
        "mail",
        "offset",
        "phones",
        "rate",
        "roads",
        "roads2",
        "streets",
        "tax",
        "tld",
        "tz",
        "tz_seconds",
        "weight",
    )

    def __init__(self, code: str, spec: dict[str, Any]) -> None:
        self.code = code
        self.weight: float = spec["w"]
        self.tz: int = spec["tz"]
        self.tz_seconds = self.tz * 60
        sign = "-" if self.tz < 0 else "+"
        self.offset = f"{sign}{abs(self.tz) // 60:02d}:{abs(self.tz) % 60:02d}"
        self.currency: str = spec["cur"]
        self.rate: float = spec["rate"]
        self.lang_key: str = spec["lang"]
        self.lang = _LANGS[self.lang_key]
        self.biz_rate: float = spec.get("biz", 0.55)
        self.k_biz = round(self.biz_rate * 128)  # threshold on 7 random bits
        self.goods: str = spec["goods"]
        self.made_in_cn: float = spec.get("cn", 0.0)
        self.k_cn = round(self.made_in_cn * 32)  # threshold on 5 random bits
        self.phones: tuple[str, ...] = tuple(spec["phone"].split(";"))
        self.cities: list[tuple[str, ...]] = [
            tuple(city.split("/")) for city in spec["cities"].split(";")
        ]
        self.roads = spec.get("roads", "").split(";")
        self.roads2 = spec["roads2"].split(";") if "roads2" in spec else self.roads
        self.streets: list[str] = spec["streets"].split(";")
        self.tax: str = spec["tax"]
        self.biz_words: list[str] = spec["words"].split(";")
        self.biz_templates: list[str] = spec["co"].split(";") if "co" in spec else []
        self.mail: tuple[str, ...] = tuple(spec.get("mail", "").split(";")) + _PERSONAL_MAIL
        self.tld: str = spec["tld"]


# Streets: {n} house number, {m} small number, {u} unit/room, {b} block letter, {r}/{c} road,
# {a} area. Cities: "city/state/postcode template" (state empty where addresses do not use one).
_COUNTRY_SPECS: dict[str, dict[str, Any]] = {
    "CN": {
        "w": 34, "tz": 480, "cur": "CNY", "rate": 7.1, "lang": "zh", "biz": 0.88,
        "goods": "factory", "tld": "cn",
        "phone": "+86 13# #### ####;+86-15#-####-####;86 18#########;+86 755 ########",
        "cities": "Shenzhen/Guangdong/518###;Guangzhou/Guangdong/510###;Dongguan/Guangdong/523###;"
        "Yiwu/Zhejiang/322###;Hangzhou/Zhejiang/310###;Ningbo/Zhejiang/315###;"
        "Shanghai/Shanghai/200###;Xiamen/Fujian/361###;Suzhou/Jiangsu/215###;"
        "Beijing/Beijing/100###;Wuhan/Hubei/430###;Quanzhou/Fujian/362###;"
        "Foshan/Guangdong/528###;Chengdu/Sichuan/610###",
        "roads": "Shennan;Jianshe;Zhongshan;Renmin;Huaqiang North;Jiefang;Xinhua;Binhe;Longhua;"
        "Yingbin;Chaoyang;Wenhua;Keji;Gongye",
        "areas": "High-tech Zone;Economic and Technological Development Zone;Free Trade Zone",
        "streets": "Room {u}, Building {b}, No. {n} {r} Road, {a};No. {n} {r} Road, {a};"
        "{m}F, Block {b}, No. {n} {r} Industrial Park, {a};Room {u}, No. {n} {r} Building, {a};"
        "Unit {u}, No. {n} {r} Avenue, {a}",
        "tax": "91######MA########",
        "words": "Huaxin|华信;Jinyuan|金源;Hengda|恒达;Xinda|鑫达;Meiya|美雅;Ruifeng|瑞丰;"
        "Tianhe|天和;Haoyu|浩宇;Zhongtai|中泰;Longsheng|隆盛;Yuxiang|裕祥;Kaida|凯达;"
        "Hongtu|宏图;Shengshi|盛世;Jiale|佳乐;Mingyang|明阳;Xiangrui|祥瑞;Anke|安科;"
        "Baifu|百福;Yongxing|永兴;Dingsheng|鼎盛;Huamei|华美;Lianchuang|联创;Weiye|伟业",
        "mail": "qq.com;163.com;126.com;163.com;sina.com",
    },
    "HK": {
        "w": 9, "tz": 480, "cur": "HKD", "rate": 7.8, "lang": "hk", "biz": 0.8,
        "goods": "factory", "tld": "com.hk", "cn": 0.7,
        "phone": "+852 #### ####;852-9###-####;+852 6### ####",
        "cities": "Kowloon//999077;Hong Kong//999077;New Territories//999077",
        "roads": "Nathan;Hoi Bun;Hung To;Castle Peak;Des Voeux;Canton;Wai Yip;Tai Yau;Hennessy",
        "areas": "Kwun Tong;Tsim Sha Tsui;Mong Kok;Sham Shui Po;Kwai Chung;Tsuen Wan;Wan Chai",
        "streets": "Flat {b}, {m}/F, {r} Building, {n} {r} Road, {a};"
        "Unit {u}, {m}/F, {n} {r} Street, {a};Rm {u}, {m}/F, {r} Centre, {n} {r} Road, {a}",
        "tax": "########",
        "words": "Wing Fat;Tai Hing;Kam Lung;Wah Yan;Sun Hing;Lucky Star;Golden Dragon;Man Shing;"
        "Fook Hing;Kowloon Bay",
        "co": "{W} Trading Limited;{W} International (HK) Co., Limited;{W} Electronics Ltd.;"
        "{W} Logistics (HK) Ltd",
        "mail": "yahoo.com.hk;netvigator.com",
    },
    "GB": {
        "w": 7, "tz": 0, "cur": "GBP", "rate": 0.79, "lang": "en", "biz": 0.5,
        "goods": "western", "tld": "co.uk", "cn": 0.25,
        "phone": "+44 7### ######;07### ######;+44 20 #### ####;0161 ### ####",
        "cities": "London//E# #@@;London//N1# #@@;London//SW1# #@@;Manchester//M# #@@;"
        "Birmingham//B# #@@;Leeds//LS# #@@;Glasgow//G# #@@;Bristol//BS# #@@;"
        "Liverpool//L# #@@;Edinburgh//EH# #@@;Cardiff//CF# #@@",
        "roads": "High;Station;Church;Victoria;Park;Mill;Queen's;King;Albert;Manor;Green;Oxford;"
        "Grange;Elm",
        "streets": "{n} {r} Street;{n} {r} Road;Flat {m}, {n} {r} Road;{n} {r} Lane;"
        "Unit {n}, {r} Business Park",
        "tax": "GB#########",
        "words": "Albion;Crown;Thames;Pennine;Highland;Oakwood;Kingsbridge;Rosewood",
        "co": "{F} & Sons Ltd;{W} Books Ltd;{W} Trading Ltd;{W} Retail UK Ltd;"
        "The {W} Company Ltd",
        "mail": "btinternet.com;hotmail.co.uk;yahoo.co.uk",
    },
    "CA": {
        "w": 5, "tz": -300, "cur": "CAD", "rate": 1.37, "lang": "en", "biz": 0.5,
        "goods": "western", "tld": "ca", "cn": 0.3,
        "phone": "+1 416 ### ####;(604) ###-####;514-###-####;+1 403 ### ####",
        "cities": "Toronto/ON/M#@ #@#;Vancouver/BC/V#@ #@#;Montréal/QC/H#@ #@#;"
        "Calgary/AB/T#@ #@#;Ottawa/ON/K#@ #@#;Mississauga/ON/L#@ #@#;Winnipeg/MB/R#@ #@#;"
        "Halifax/NS/B#@ #@#",
        "roads": "King;Queen;Yonge;Bloor;Main;Robson;Granville;Sainte-Catherine;Portage;Jasper;"
        "Elgin;Spadina",
        "streets": "{n} {r} St;{n} {r} Street W;{u}-{n} {r} Ave;Unit {m}, {n} {r} Rd;"
        "{n} rue {r}",
        "tax": "#########RT0001",
        "words": "Maple;Northern;True North;Great Lakes;Pacific;Laurentian;Boreal",
        "co": "{W} Inc.;{F} & Co. Ltd.;{W} Outfitters Inc.;{W} Supply Ltd.",
        "mail": "rogers.com;shaw.ca;videotron.ca",
    },
    "DE": {
        "w": 4.5, "tz": 60, "cur": "EUR", "rate": 0.92, "lang": "de", "biz": 0.55,
        "goods": "western", "tld": "de", "cn": 0.2,
        "phone": "+49 15# ########;+49 30 ########;0171 #######;+49 (0)89 #######",
        "cities": "Berlin//10###;Hamburg//20###;München//80###;Köln//50###;"
        "Frankfurt am Main//60###;Stuttgart//70###;Düsseldorf//40###;Leipzig//04###;"
        "Nürnberg//90###",
        "roads": "Haupt;Schul;Garten;Bahnhof;Dorf;Berg;Linden;Kirch;Wald;Goethe;Schiller;"
        "Friedrich;Mühlen",
        "streets": "{r}straße {n};{r}str. {n};{r}weg {n};{r}allee {n}a;{r}straße {n}, {m}. OG",
        "tax": "DE#########",
        "words": "Nordlicht;Rhein;Alpen;Elbe;Spree;Schwarzwald;Bergland;Hanse",
        "co": "{F} GmbH;{W} Handels GmbH;{F} & {G} KG;{W} Versand GmbH;{W} Autoteile GmbH",
        "mail": "web.de;gmx.de;t-online.de;gmx.net",
    },
    "JP": {
        "w": 4, "tz": 540, "cur": "JPY", "rate": 150.0, "lang": "ja", "biz": 0.6,
        "goods": "beauty", "tld": "co.jp",
        "phone": "+81 90-####-####;+81 3-####-####;080-####-####;+81 6 #### ####",
        "cities": "Tokyo/Tokyo/150-####;Tokyo/Tokyo/160-####;Osaka/Osaka/530-####;"
        "Yokohama/Kanagawa/220-####;Nagoya/Aichi/450-####;Sapporo/Hokkaido/060-####;"
        "Fukuoka/Fukuoka/810-####;Kyoto/Kyoto/600-####;Kobe/Hyogo/650-####",
        "roads2": "渋谷区;新宿区;港区;中央区;千代田区",
        "areas": "Shibuya;Shinjuku;Minato-ku;Chiyoda-ku;Naniwa-ku;Nakamura-ku;Chuo-ku;Kita-ku",
        "streets": "{m}-{m}-{n} {a};{a} {m}-chome {m}-{n};{m}-{n}-{m} {a}, Room {u};"
        "{c}{m}-{m}-{n}",
        "tax": "T#############",
        "words": "Sakura Shoji|株式会社サクラ商事;Yamato Bussan|株式会社ヤマト物産;"
        "Hoshino Kogyo|株式会社ホシノ工業;Midori-do|株式会社みどり堂;Nippon Hobby;Tokyo Kitchen;"
        "Fuji Trading",
        "co": "{W} Co., Ltd.;{W} Inc.;{W} K.K.",
        "mail": "yahoo.co.jp;docomo.ne.jp;ezweb.ne.jp",
    },
    "KR": {
        "w": 3.5, "tz": 540, "cur": "KRW", "rate": 1380.0, "lang": "ko", "biz": 0.65,
        "goods": "beauty", "tld": "co.kr",
        "phone": "+82 10-####-####;010-####-####;+82 2-###-####",
        "cities": "Seoul//0####;Busan//4####;Incheon//2####;Daegu//4####;"
        "Suwon/Gyeonggi-do/16###;Seongnam/Gyeonggi-do/13###",
        "roads": "Teheran-ro;Gangnam-daero;Sejong-daero;Olympic-ro;Dosan-daero;Haeundae-ro;"
        "Gukhoe-daero",
        "roads2": "테헤란로;강남대로;세종대로;올림픽로",
        "areas": "Gangnam-gu;Mapo-gu;Songpa-gu;Jung-gu;Haeundae-gu;Seocho-gu",
        "streets": "{n} {r}, {a};{n}, {r}, {a}, Apt {u};{c} {n}, {u}호",
        "tax": "###-##-#####",
        "words": "Hanbit Trading|(주)한빛무역;Mirae Cosmetic|(주)미래코스메틱;Daehan|(주)대한상사;"
        "Seoul Beauty|서울뷰티;K-Glow;Bom Skin",
        "co": "{W} Co., Ltd.;{W} Corp.",
        "mail": "naver.com;daum.net;hanmail.net",
    },
    "FR": {
        "w": 3, "tz": 60, "cur": "EUR", "rate": 0.92, "lang": "fr", "biz": 0.5,
        "goods": "western", "tld": "fr", "cn": 0.2,
        "phone": "+33 6 ## ## ## ##;06 ## ## ## ##;+33 1 ## ## ## ##",
        "cities": "Paris//750##;Lyon//6900#;Marseille//130##;Toulouse//310##;Nice//06###;"
        "Lille//59###;Bordeaux//33###;Nantes//44###;Strasbourg//67###",
        "roads": "de la République;Victor Hugo;Jean Jaurès;de la Paix;des Lilas;"
        "du Général de Gaulle;Pasteur;Saint-Honoré;des Écoles;de l'Église",
        "streets": "{n} rue {r};{n}, avenue {r};{n} bis boulevard {r};{n} place {r}",
        "tax": "FR## #########",
        "words": "Lumière;Provence;Belle Époque;Atelier du Sud;Côte d'Azur;Bretagne",
        "co": "{W} SARL;{F} et Fils SAS;Maison {F};{W} Distribution SAS",
        "mail": "orange.fr;free.fr;laposte.net;sfr.fr",
    },
    "IN": {
        "w": 3, "tz": 330, "cur": "INR", "rate": 83.0, "lang": "hi", "biz": 0.65,
        "goods": "textile", "tld": "in",
        "phone": "+91 98### #####;+91-99###-#####;09#########;+91 22 ########",
        "cities": "Mumbai/Maharashtra/400###;New Delhi/Delhi/110###;Bengaluru/Karnataka/560###;"
        "Jaipur/Rajasthan/302###;Surat/Gujarat/395###;Chennai/Tamil Nadu/600###;"
        "Kolkata/West Bengal/700###;Hyderabad/Telangana/500###;Tiruppur/Tamil Nadu/641###",
        "roads": "MG;Linking;Station;Nehru;Gandhi;Tilak;Park;Ring",
        "areas": "Andheri West;Bandra;Karol Bagh;Koramangala;Indiranagar;Malviya Nagar;T. Nagar;"
        "Salt Lake;Banjara Hills;Navrangpura",
        "streets": "{n}, {r} Road, {a};Flat {u}, {b} Wing, {r} Apartments, {n} {r} Road, {a};"
        "Plot No. {n}, {a};Shop No. {n}, {r} Market, {a}",
        "tax": "##@@@@@####@1Z#",
        "words": "Ganesh;Lakshmi;Shiva;Sai;Krishna;Om;Jaipur Craft;Indigo;Royal",
        "co": "{W} Exports Pvt. Ltd.;{F} Textiles;{W} Handicrafts;Shree {W} Enterprises",
        "mail": "rediffmail.com;yahoo.co.in",
    },
    "TW": {
        "w": 2.5, "tz": 480, "cur": "TWD", "rate": 32.0, "lang": "tw", "biz": 0.7,
        "goods": "factory", "tld": "com.tw",
        "phone": "+886 9## ### ###;+886-2-####-####;09##-###-###",
        "cities": "Taipei City//10#;Taipei City//11###;New Taipei City//22#;Taichung City//40#;"
        "Kaohsiung City//80###;Taoyuan City//33#",
        "roads": "Zhongxiao E.;Xinyi;Minsheng E.;Zhongshan N.;Heping E.;Roosevelt;Wenhua",
        "areas": "Da'an;Xinyi;Zhongshan;Banqiao;Xitun;Lingya;Taoyuan",
        "streets": "No. {n}, Sec. {m}, {r} Rd., {a} Dist.;{m}F., No. {n}, {r} Rd., {a} Dist.",
        "tax": "########",
        "words": "Hsin Yi;Tai Feng;Chuan Li;Hung Sheng;Yung Fu;Da Tung;Ming Tai",
        "co": "{W} Co., Ltd.;{W} Industrial Co., Ltd.;{W} Enterprise Co., Ltd.",
        "mail": "yahoo.com.tw;hinet.net",
    },
    "NL": {
        "w": 2.5, "tz": 60, "cur": "EUR", "rate": 0.92, "lang": "nl", "biz": 0.6,
        "goods": "western", "tld": "nl", "cn": 0.3,
        "phone": "+31 6 ########;06-########;+31 20 ### ####",
        "cities": "Amsterdam//10## @@;Rotterdam//30## @@;Utrecht//35## @@;Den Haag//25## @@;"
        "Eindhoven//56## @@",
        "roads": "Kerk;Dorps;Molen;School;Heren;Keizers;Prinsen;Stations;Linden",
        "streets": "{r}straat {n};{r}gracht {n};{r}laan {n}-{m};{r}weg {n}",
        "tax": "NL#########B01",
        "words": "Oranje;Tulip;Holland;Delta;Polder;Windmolen",
        "co": "{W} B.V.;{F} Handel B.V.;{W} Webshop B.V.",
        "mail": "ziggo.nl;kpnmail.nl",
    },
    "TH": {
        "w": 1.8, "tz": 420, "cur": "THB", "rate": 35.0, "lang": "th", "biz": 0.55,
        "goods": "factory", "tld": "co.th",
        "phone": "+66 8# ### ####;08#-###-####;+66 2 ### ####",
        "cities": "Bangkok//10###;Chiang Mai//50###;Nonthaburi//11###;Pattaya//20###",
        "roads": "Sukhumvit;Ratchadaphisek;Phahonyothin;Lat Phrao;Rama IV;Silom",
        "areas": "Khlong Toei;Chatuchak;Bang Kapi;Huai Khwang;Mueang",
        "streets": "{n}/{m} Soi {r} {m}, {r} Road, {a};{n}/{m} Moo {m}, {a}",
        "tax": "#############",
        "words": "Siam;Chao Phraya;Thai Silk;Golden Elephant;Lanna;Bangkok Herb",
        "co": "{W} Co., Ltd.;{W} Trading Co., Ltd.",
        "mail": "hotmail.co.th",
    },
    "VN": {
        "w": 1.8, "tz": 420, "cur": "USD", "rate": 1.0, "lang": "vi", "biz": 0.55,
        "goods": "textile", "tld": "vn",
        "phone": "+84 9# ### ## ##;09########;+84 28 #### ####",
        "cities": "Hồ Chí Minh//70####;Hà Nội//10####;Đà Nẵng//55####;Hải Phòng//18####",
        "roads": "Lê Lợi;Nguyễn Huệ;Trần Hưng Đạo;Hai Bà Trưng;Lý Thường Kiệt;Điện Biên Phủ",
        "areas": "Quận 1;Quận 3;Quận Bình Thạnh;Quận Hoàn Kiếm;Quận Cầu Giấy;Quận Hải Châu",
        "streets": "{n} {r}, Phường {m}, {a};Số {n} Đường {r}, {a};{n}/{m} {r}, {a}",
        "tax": "##########",
        "words": "Minh Phát;Hoàng Long;Sao Việt;Thành Công;Phú Gia;Việt Tiến",
        "co": "Công ty TNHH {W};{W} Co., Ltd;{W} JSC",
        "mail": "yahoo.com.vn",
    },
    "TR": {
        "w": 1.8, "tz": 180, "cur": "TRY", "rate": 32.0, "lang": "tr", "biz": 0.55,
        "goods": "textile", "tld": "com.tr",
        "phone": "+90 5## ### ## ##;0 5## ### ## ##;+90 212 ### ## ##",
        "cities": "İstanbul//34###;Ankara//06###;İzmir//35###;Bursa//16###;Denizli//20###",
        "roads": "Atatürk;İstiklal;Cumhuriyet;Bağdat;Gazi;Fevzi Çakmak;Millet;İnönü",
        "areas": "Kadıköy;Beşiktaş;Şişli;Çankaya;Konak;Osmangazi;Merkezefendi;Fatih",
        "streets": "{r} Cad. No:{n} D:{m}, {a};{r} Mah. {c} Sok. No:{n}, {a};"
        "{r} Bulvarı No: {n}/{m}, {a}",
        "tax": "##########",
        "words": "Anadolu;Ege;Marmara;Yıldız;Boğaziçi;Kapadokya",
        "co": "{W} Tekstil Ltd. Şti.;{F} Ticaret A.Ş.;{W} Deri San. ve Tic. Ltd. Şti.",
        "mail": "hotmail.com.tr;yandex.com",
    },
    "MX": {
        "w": 1.6, "tz": -360, "cur": "MXN", "rate": 17.0, "lang": "es", "biz": 0.45,
        "goods": "latam", "tld": "com.mx",
        "phone": "+52 55 #### ####;+52 33 #### ####;81 #### ####",
        "cities": "Ciudad de México/CDMX/0####;Guadalajara/Jalisco/44###;"
        "Monterrey/Nuevo León/64###;Puebla/Puebla/72###;Tijuana/Baja California/22###;"
        "León/Guanajuato/37###",
        "roads": "Insurgentes Sur;Reforma;Juárez;Hidalgo;Morelos;Madero;Revolución;Zaragoza",
        "areas": "Col. Roma Norte;Col. Condesa;Col. Centro;Col. Del Valle;Col. Americana",
        "streets": "Calle {r} {n}, {a};Av. {r} {n} Int. {m}, {a};{r} #{n}, {a}",
        "tax": "@@@######@@#",
        "words": "Azteca;Sol de México;Jalisco;El Nopal;Monarca",
        "co": "{W} S.A. de C.V.;Comercializadora {W};Artesanías {F}",
        "mail": "hotmail.com;prodigy.net.mx",
    },
    "IT": {
        "w": 1.5, "tz": 60, "cur": "EUR", "rate": 0.92, "lang": "it", "biz": 0.55,
        "goods": "western", "tld": "it", "cn": 0.15,
        "phone": "+39 3## ### ####;+39 02 ########;333 #######",
        "cities": "Milano/MI/201##;Roma/RM/001##;Napoli/NA/801##;Torino/TO/101##;"
        "Firenze/FI/501##;Bologna/BO/401##",
        "roads": "Roma;Garibaldi;Giuseppe Mazzini;Cavour;Dante Alighieri;Vittorio Emanuele II;"
        "dei Mille;della Libertà",
        "streets": "Via {r} {n};Corso {r}, {n};Piazza {r} {n};Viale {r} {n}",
        "tax": "IT###########",
        "words": "Bella Vita;Toscana;Dolomiti;Venezia;Sole",
        "co": "{F} S.r.l.;{W} Moda S.r.l.;{F} & C. S.n.c.",
        "mail": "libero.it;virgilio.it;tiscali.it",
    },
    "AU": {
        "w": 1.5, "tz": 660, "cur": "AUD", "rate": 1.52, "lang": "en", "biz": 0.5,
        "goods": "western", "tld": "com.au", "cn": 0.3,
        "phone": "+61 4## ### ###;04## ### ###;+61 2 #### ####",
        "cities": "Sydney/NSW/2###;Melbourne/VIC/3###;Brisbane/QLD/4###;Perth/WA/6###;"
        "Adelaide/SA/5###",
        "roads": "George;Pitt;Collins;Swanston;Queen;Hay;Rundle;Bourke;Elizabeth",
        "streets": "{n} {r} St;Unit {m}/{n} {r} Street;Level {m}, {n} {r} Street;{n} {r} Road",
        "tax": "## ### ### ###",
        "words": "Southern Cross;Outback;Harbour;Koala;Coral Coast",
        "co": "{W} Pty Ltd;{F} Trading Pty Ltd",
        "mail": "bigpond.com;optusnet.com.au",
    },
    "SG": {
        "w": 1.2, "tz": 480, "cur": "SGD", "rate": 1.35, "lang": "sg", "biz": 0.6,
        "goods": "factory", "tld": "sg", "cn": 0.5,
        "phone": "+65 9### ####;+65 8### ####;+65 6### ####",
        "cities": "Singapore//######",
        "roads": "Ang Mo Kio;Tampines;Jurong West;Bedok North;Toa Payoh;Woodlands",
        "streets": "Blk {n} {r} Avenue {m}, #{m}-{u};{n} {r} Street {m}, #{m}-{m}",
        "tax": "########@",
        "words": "Lion City;Merlion;Straits;Orchid;Marina",
        "co": "{W} Pte. Ltd.;{W} Trading Pte Ltd",
        "mail": "singnet.com.sg",
    },
    "ES": {
        "w": 1, "tz": 60, "cur": "EUR", "rate": 0.92, "lang": "es", "biz": 0.5,
        "goods": "western", "tld": "es", "cn": 0.2,
        "phone": "+34 6## ### ###;+34 91 ### ## ##;6## ## ## ##",
        "cities": "Madrid//280##;Barcelona//080##;Valencia//460##;Sevilla//410##;Málaga//290##",
        "roads": "Mayor;Real;de Alcalá;Gran Vía;de la Constitución;del Sol;Nueva;de Goya",
        "streets": "Calle {r}, {n};Avenida {r} {n}, {m}º;Plaza {r} {n};C/ {r} {n}, {m}º B",
        "tax": "ESB########",
        "words": "Ibérica;Mediterráneo;Sol y Mar;Andaluza;Castilla",
        "co": "{W} S.L.;Comercial {F} S.L.;{W} Distribuciones S.A.",
        "mail": "telefonica.net;hotmail.es",
    },
    "PK": {
        "w": 1, "tz": 300, "cur": "PKR", "rate": 280.0, "lang": "pk", "biz": 0.7,
        "goods": "textile", "tld": "pk",
        "phone": "+92 3## #######;03##-#######;+92 42 ########",
        "cities": "Karachi/Sindh/7####;Lahore/Punjab/54###;Sialkot/Punjab/51310;"
        "Faisalabad/Punjab/38###;Islamabad/Islamabad Capital Territory/44###",
        "roads": "Ferozepur;Shahrah-e-Faisal;Jail;Mall;Kashmir",
        "areas": "Gulberg III;DHA Phase 5;Clifton Block 4;Model Town;F-7/2;Saddar",
        "streets": "House {n}, Street {m}, {a};Plot {n}, {r} Road, {a};Shop {n}, {r} Road, {a}",
        "tax": "#######-#",
        "words": "Al-Noor;Sialkot Star;Crescent;Al-Madina;Green Valley",
        "co": "{W} Sports (Pvt) Ltd;{F} Traders;{W} Leather Works",
        "mail": "yahoo.com",
    },
    "PL": {
        "w": 0.8, "tz": 60, "cur": "PLN", "rate": 4.0, "lang": "pl", "biz": 0.5,
        "goods": "western", "tld": "pl", "cn": 0.3,
        "phone": "+48 5## ### ###;+48 22 ### ## ##;6## ### ###",
        "cities": "Warszawa//0#-###;Kraków//3#-###;Łódź//9#-###;Wrocław//5#-###;Poznań//6#-###;"
        "Gdańsk//8#-###",
        "roads": "Marszałkowska;Długa;Polna;Leśna;Słoneczna;Kościuszki;Mickiewicza;Ogrodowa",
        "streets": "ul. {r} {n};ul. {r} {n}/{m};al. {r} {n}",
        "tax": "PL##########",
        "words": "Wisła;Mazury;Tatry;Bałtyk;Orzeł",
        "co": "{W} Sp. z o.o.;P.H.U. {F};{W} Handel s.c.",
        "mail": "wp.pl;onet.pl;o2.pl",
    },
    "IL": {
        "w": 0.8, "tz": 120, "cur": "ILS", "rate": 3.7, "lang": "he", "biz": 0.5,
        "goods": "western", "tld": "co.il",
        "phone": "+972 5#-###-####;05#-###-####;+972 3-###-####",
        "cities": "Tel Aviv-Yafo//6######;Jerusalem//9######;Haifa//3######",
        "roads": "Rothschild;Dizengoff;Herzl;Ben Yehuda;Jabotinsky;Allenby;HaYarkon",
        "streets": "{r} St {n};{n} {r} Street, Apt {m};Rehov {r} {n}/{m}",
        "tax": "#########",
        "words": "Galil;Negev;Carmel;Jaffa;Dead Sea",
        "co": "{W} Ltd.;{F} Trading Ltd.",
        "mail": "walla.co.il",
    },
    "CO": {
        "w": 0.7, "tz": -300, "cur": "USD", "rate": 1.0, "lang": "es", "biz": 0.45,
        "goods": "latam", "tld": "com.co",
        "phone": "+57 3## ### ####;+57 601 ### ####;3## #######",
        "cities": "Bogotá/Bogotá D.C./11####;Medellín/Antioquia/050###;"
        "Cali/Valle del Cauca/760###;Barranquilla/Atlántico/080###",
        "roads": "Boyacá;Caracas;El Poblado;Las Américas;Suba",
        "streets": "Calle {m} # {n}-{m};Carrera {m} # {m}-{n};Avenida {r} # {m}-{n}, Apto {u};"
        "Cra. {m} #{m}-{n}",
        "tax": "#########-#",
        "words": "Andina;El Dorado;Café del Valle;Caribe",
        "co": "{W} S.A.S.;Comercializadora {W} Ltda.",
        "mail": "hotmail.com",
    },
    "NG": {
        "w": 0.6, "tz": 60, "cur": "NGN", "rate": 1500.0, "lang": "ng", "biz": 0.4,
        "goods": "latam", "tld": "com.ng",
        "phone": "+234 80# ### ####;0803 ### ####;+234 1 ### ####",
        "cities": "Lagos/Lagos/100###;Abuja/FCT/900###;Kano/Kano/700###;Ibadan/Oyo/200###;"
        "Port Harcourt/Rivers/500###",
        "roads": "Allen;Awolowo;Ademola Adetokunbo;Herbert Macaulay;Ikorodu;Adeola Odeku",
        "areas": "Ikeja;Victoria Island;Lekki Phase 1;Surulere;Wuse II;Garki;Yaba",
        "streets": "{n} {r} Avenue, {a};{n} {r} Street, {a};Plot {n}, {r} Crescent, {a}",
        "tax": "########-####",
        "words": "Eko;Niger Delta;Zenith;Green Gold;Royal Crest",
        "co": "{W} Nigeria Ltd;{F} Ventures;{W} Global Enterprises",
        "mail": "yahoo.com",
    },
    "BR": {
        "w": 0.6, "tz": -180, "cur": "BRL", "rate": 5.0, "lang": "pt", "biz": 0.5,
        "goods": "latam", "tld": "com.br",
        "phone": "+55 11 9####-####;(21) 9####-####;+55 31 9#### ####",
        "cities": "São Paulo/SP/0####-###;Rio de Janeiro/RJ/2####-###;"
        "Belo Horizonte/MG/3####-###;Curitiba/PR/8####-###;Porto Alegre/RS/9####-###",
        "roads": "Paulista;Augusta;das Flores;XV de Novembro;Sete de Setembro;Rio Branco",
        "areas": "Bela Vista;Centro;Copacabana;Savassi;Moinhos de Vento;Pinheiros",
        "streets": "Rua {r}, {n}, apto {u} - {a};Av. {r}, {n} - {a};Rua {r}, {n} - {a}",
        "tax": "##.###.###/0001-##",
        "words": "Brasil Verde;Sol Nascente;Paulista;Amazônia;Carioca",
        "co": "{W} Comércio Ltda.;{F} & Filhos Ltda.;{W} Importação e Exportação Ltda.",
        "mail": "uol.com.br;bol.com.br",
    },
    "UA": {
        "w": 0.4, "tz": 120, "cur": "UAH", "rate": 41.0, "lang": "uk", "biz": 0.4,
        "goods": "western", "tld": "com.ua",
        "phone": "+380 67 ### ## ##;+380 50 ### ####;067 ### ## ##",
        "cities": "Kyiv//0####;Lviv//79###;Kharkiv//61###;Odesa//65###;Dnipro//49###",
        "roads": "Khreshchatyk;Shevchenka;Franka;Sadova;Lesi Ukrainky;Hrushevskoho",
        "roads2": "Хрещатик;Шевченка;Франка;Садова;Лесі Українки",
        "streets": "vul. {r}, {n};vul. {r} {n}, apt. {m};вул. {c}, {n}, кв. {m}",
        "tax": "########",
        "words": "Svitanok|ТОВ «Світанок»;Dobrobut|ТОВ «Добробут»;Kalyna|ТОВ «Калина»",
        "co": "{W} LLC;FOP {F}",
        "mail": "ukr.net;i.ua",
    },
    "PH": {
        "w": 0.6, "tz": 480, "cur": "PHP", "rate": 56.0, "lang": "ph", "biz": 0.45,
        "goods": "latam", "tld": "com.ph", "cn": 0.3,
        "phone": "+63 9## ### ####;09## ### ####;+63 2 8### ####",
        "cities": "Quezon City/Metro Manila/11##;Makati/Metro Manila/12##;Cebu City/Cebu/6000;"
        "Davao City/Davao del Sur/8000",
        "roads": "Ayala;Rizal;Mabini;Bonifacio;Katipunan;Roxas",
        "areas": "Brgy. San Antonio;Poblacion;Brgy. Lahug;Brgy. Bel-Air;Diliman",
        "streets": "{n} {r} Avenue, {a};Unit {u}, {r} Tower, {n} {r} St., {a};"
        "Blk {m} Lot {n}, {r} Street, {a}",
        "tax": "###-###-###-000",
        "words": "Pinoy;Manila Bay;Mabuhay;Visayas;Luzon",
        "co": "{W} Trading Corp.;{W} Enterprises",
        "mail": "yahoo.com.ph",
    },
}  # fmt: skip
_AREAS: dict[str, list[str]] = {
    code: spec.get("areas", "").split(";") for code, spec in _COUNTRY_SPECS.items()
}
_CN_TYPES = (
    ("Trading", "贸易"),
    ("Import & Export", "进出口"),
    ("E-commerce", "电子商务"),
    ("Electronic Technology", "电子科技"),
    ("Technology", "科技"),
    ("Supply Chain Management", "供应链管理"),
    ("Garment", "服装"),
    ("Crafts", "工艺品"),
    ("Network Technology", "网络科技"),
    ("Household Products", "家居用品"),
    ("Cosmetics", "化妆品"),
    ("Industrial", "实业"),
)
_CN_CITIES = {
    "Shenzhen": "深圳市",
    "Guangzhou": "广州市",
    "Dongguan": "东莞市",
    "Yiwu": "义乌市",
    "Hangzhou": "杭州市",
    "Ningbo": "宁波市",
    "Shanghai": "上海",
    "Xiamen": "厦门市",
    "Suzhou": "苏州市",
    "Beijing": "北京",
    "Wuhan": "武汉市",
    "Quanzhou": "泉州市",
    "Foshan": "佛山市",
    "Chengdu": "成都市",
}
_CN_AREAS = {
    "Shenzhen": "Futian District;Nanshan District;Bao'an District;Longgang District;"
    "Longhua District",
    "Guangzhou": "Baiyun District;Tianhe District;Haizhu District;Panyu District",
    "Dongguan": "Chang'an Town;Humen Town;Houjie Town",
    "Yiwu": "Futian Street;Choujiang Street;Beiyuan Street",
    "Shanghai": "Pudong New Area;Minhang District;Jiading District",
}
# Companies behind the precursor and pill-press items: name, city, province, postcode template.
_CHEM_COMPANIES = (
    ("Wuhan Yuanli Biotechnology Co., Ltd.", "Wuhan", "Hubei", "430###"),
    ("Hubei Xinhua Pharmaceutical Technology Co., Ltd.", "Wuhan", "Hubei", "430###"),
    ("Shijiazhuang Kemai Chemical Co., Ltd.", "Shijiazhuang", "Hebei", "050###"),
    ("Hangzhou Ruijin New Material Co., Ltd.", "Hangzhou", "Zhejiang", "310###"),
    ("Shanghai Zhongqi Biochemical Co., Ltd.", "Shanghai", "Shanghai", "201###"),
    ("Henan Tianfu Chemical Trade Co., Ltd.", "Zhengzhou", "Henan", "450###"),
    ("Jinan Hongda Fine Chemical Co., Ltd.", "Jinan", "Shandong", "250###"),
    ("Hebei Weiran Technology Co., Ltd.", "Shijiazhuang", "Hebei", "050###"),
)
_MACHINE_COMPANIES = (
    ("Ruian Tianhe Pharmaceutical Machinery Co., Ltd.", "Ruian", "Zhejiang", "325###"),
    ("Shanghai Tianxiang Tablet Press Co., Ltd.", "Shanghai", "Shanghai", "201###"),
    ("Wenzhou Kaida Machinery Co., Ltd.", "Wenzhou", "Zhejiang", "325###"),
    ("Changzhou Yiming Drying Equipment Co., Ltd.", "Changzhou", "Jiangsu", "213###"),
    ("Liaoyang Pharma Machinery Co., Ltd.", "Liaoyang", "Liaoning", "111###"),
)

# --------------------------------------------------------------------------------------------
# U.S. addressees
# --------------------------------------------------------------------------------------------

# city, state, ZIP3 prefixes, area codes, weight
_US_CITIES: tuple[tuple[str, str, str, str, float], ...] = (
    ("New York", "NY", "100 101 102", "212 646 917", 6),
    ("Brooklyn", "NY", "112", "718 347 929", 5),
    ("Flushing", "NY", "113", "718 347", 2),
    ("Los Angeles", "CA", "900", "213 323 310", 7),
    ("San Francisco", "CA", "941", "415 628", 3),
    ("San Jose", "CA", "951", "408 669", 2),
    ("San Diego", "CA", "921", "619 858", 3),
    ("Irvine", "CA", "926", "949", 1.5),
    ("Sacramento", "CA", "958", "916", 1.5),
    ("Chicago", "IL", "606", "312 773 872", 5),
    ("Houston", "TX", "770", "713 832 281", 5),
    ("Dallas", "TX", "752", "214 469 972", 3),
    ("Austin", "TX", "787", "512 737", 2),
    ("San Antonio", "TX", "782", "210 726", 2),
    ("Phoenix", "AZ", "850", "602 480 623", 3),
    ("Seattle", "WA", "981", "206 425", 2.5),
    ("Portland", "OR", "972", "503 971", 1.5),
    ("Denver", "CO", "802", "303 720", 2),
    ("Miami", "FL", "331", "305 786", 3),
    ("Orlando", "FL", "328", "407 321", 2),
    ("Tampa", "FL", "336", "813 656", 1.5),
    ("Atlanta", "GA", "303", "404 678 770", 3),
    ("Charlotte", "NC", "282", "704 980", 1.5),
    ("Raleigh", "NC", "276", "919 984", 1),
    ("Boston", "MA", "021", "617 857", 2),
    ("Philadelphia", "PA", "191", "215 267", 2.5),
    ("Pittsburgh", "PA", "152", "412 878", 1),
    ("Newark", "NJ", "071", "973 862", 1),
    ("Jersey City", "NJ", "073", "201 551", 1),
    ("Baltimore", "MD", "212", "410 443", 1),
    ("Washington", "DC", "200", "202", 1.5),
    ("Detroit", "MI", "482", "313", 1.5),
    ("Minneapolis", "MN", "554", "612", 1.2),
    ("St. Louis", "MO", "631", "314", 1),
    ("Kansas City", "MO", "641", "816", 1),
    ("Nashville", "TN", "372", "615 629", 1.2),
    ("Columbus", "OH", "432", "614 380", 1.2),
    ("Cleveland", "OH", "441", "216", 1),
    ("Indianapolis", "IN", "462", "317 463", 1.2),
    ("Las Vegas", "NV", "891", "702 725", 1.5),
    ("Salt Lake City", "UT", "841", "801 385", 1),
    ("Albuquerque", "NM", "871", "505", 0.7),
    ("Honolulu", "HI", "968", "808", 0.7),
    ("Anchorage", "AK", "995", "907", 0.4),
    ("Milwaukee", "WI", "532", "414", 0.8),
    ("New Orleans", "LA", "701", "504", 0.7),
    ("Louisville", "KY", "402", "502", 0.7),
    ("Oklahoma City", "OK", "731", "405", 0.7),
    ("Omaha", "NE", "681", "402 531", 0.6),
    ("Boise", "ID", "837", "208", 0.5),
    ("Richmond", "VA", "232", "804", 0.7),
    ("Hartford", "CT", "061", "860 959", 0.6),
    ("Providence", "RI", "029", "401", 0.5),
    ("Burlington", "VT", "054", "802", 0.3),
    ("Portland", "ME", "041", "207", 0.3),
    ("Des Moines", "IA", "503", "515", 0.5),
    ("Fargo", "ND", "581", "701", 0.3),
    ("Sioux Falls", "SD", "571", "605", 0.3),
    ("Birmingham", "AL", "352", "205", 0.6),
    ("Jackson", "MS", "392", "601", 0.4),
    ("Little Rock", "AR", "722", "501", 0.4),
    ("Charleston", "SC", "294", "843", 0.5),
    ("Charleston", "WV", "253", "304", 0.3),
    ("Cheyenne", "WY", "820", "307", 0.2),
    ("Billings", "MT", "591", "406", 0.2),
    ("Wilmington", "DE", "198", "302", 0.4),
    ("Manchester", "NH", "031", "603", 0.3),
)
_US_STREETS = (
    "Main,Oak,Maple,Cedar,Pine,Elm,Washington,Lake,Hill,Park,Sunset,Lincoln,Jefferson,Highland,"
    "Madison,Franklin,Church,Center,Ridge,Willow,Jackson,Spring,Meadow,Cherry,Walnut,1st,2nd,3rd,"
    "5th,7th,12th,Magnolia,Peachtree,Ocean,Mission,Grand,River,Forest,Valley,Union,Chestnut,"
    "Dogwood,Hickory,Sycamore,Lakeview,Riverside,Palm,Coral,Birch,Aspen,Juniper,Holly,Laurel,"
    "Prospect,Fairview,Woodland,Greenwood,Hillcrest,Rosewood,Canyon,Mesa,Orchard,Bayview"
).split(",")
_US_SUFFIXES = (
    ("St", 14), ("St.", 4), ("Street", 6), ("Ave", 10), ("Ave.", 3), ("Avenue", 4), ("Rd", 6),
    ("Road", 3), ("Dr", 6), ("Drive", 2), ("Blvd", 3), ("Boulevard", 1), ("Ln", 3), ("Lane", 1),
    ("Ct", 3), ("Court", 1), ("Pl", 2), ("Way", 3), ("Pkwy", 1), ("Cir", 1), ("Ter", 1),
)  # fmt: skip
_US_DIRECTIONS = ("",) * 8 + ("N ", "S ", "E ", "W ", "N. ", "W. ", "NW ", "SE ")
_US_UNITS = (
    "Apt {a}",
    "Apt {a}",
    "APT {a}",
    "Apt. {a}",
    "APT. {a}",
    "#{a}",
    "# {a}",
    "Apt #{a}",
    "Unit {a}",
    "Unit {s}",
    "Ste {s}",
    "Suite {s}",
    "STE {s}",
)
_US_MAIL = (
    ("gmail.com", 40), ("yahoo.com", 12), ("outlook.com", 8), ("hotmail.com", 8),
    ("icloud.com", 10), ("aol.com", 3), ("comcast.net", 3), ("proton.me", 1), ("att.net", 2),
)  # fmt: skip
_US_PHONES = ("({a}) {e}-{l}", "{a}-{e}-{l}", "+1 {a} {e} {l}", "{a}{e}{l}", "+1{a}{e}{l}",
              "{a}.{e}.{l}", "1-{a}-{e}-{l}")  # fmt: skip
_US_NAME_LANGS = (
    ("en", 62), ("es", 17), ("zh", 5), ("vi", 4), ("ko", 3), ("hi", 4), ("ng", 1.5),
    ("pl", 1), ("tr", 0.5), ("uk", 1), ("ja", 1),
)  # fmt: skip

# Drop addresses: the same place written many ways. Each field is a tuple of variants, the first
# the most common; phones are 10 digits, formatted like ordinary phones.
_DROPS: tuple[dict[str, Any], ...] = (
    {
        "name": ("Kevin Tran", "KEVIN TRAN", "Kevin  Tran", "Tran, Kevin", "kevin tran", "K. Tran"),
        "street": ("4821 Bellaire Blvd", "4821 Bellaire Blvd.", "4821 Bellaire Boulevard",
                   "4821 BELLAIRE BLVD"),
        "unit": ("Apt 4B", "APT. 4B", "#4B", "Apt #4B", "Unit 4B", "apt 4b"),
        "city": ("Houston", "HOUSTON"), "state": "TX", "zip": ("77036", "77036-4417"),
        "phone": "7132840193", "email": ("kevintran88@gmail.com", "KevinTran88@gmail.com",
                                         "kevin.tran88@gmail.com"),
    },
    {
        "name": ("María López", "Maria Lopez", "MARIA LOPEZ", "López, María", "Maria Lopez."),
        "street": ("1935 NW 82nd Ave", "1935 N.W. 82nd Avenue", "1935 NW 82 Ave",
                   "1935 Northwest 82nd Ave"),
        "unit": ("Ste 200", "Suite 200", "STE 200", "#200"),
        "city": ("Doral", "DORAL", "Miami"), "state": "FL", "zip": ("33126", "33126-1502"),
        "phone": "3057216648", "email": ("mlopez.imports@yahoo.com", "MLopez.Imports@yahoo.com"),
    },
    {
        "name": ("Global Parcel Hub LLC", "GLOBAL PARCEL HUB, LLC", "Global Parcel Hub",
                 "Global Parcel Hub L.L.C."),
        "street": ("1550 Commerce Pkwy", "1550 Commerce Parkway", "1550 COMMERCE PKWY"),
        "unit": ("Ste 110", "Suite 110", "# 110", "Unit 110"),
        "city": ("Wilmington", "WILMINGTON"), "state": "DE", "zip": ("19801", "19801-3307"),
        "phone": "3024418850", "email": ("receiving@globalparcelhub.com",
                                         "Receiving@GlobalParcelHub.com"),
    },
    {
        "name": ("Jason Miller", "JASON MILLER", "Jason R. Miller", "Miller, Jason", "J Miller"),
        "street": ("17 Ashgrove Ct", "17 Ashgrove Court", "17 Ashgrove Ct."),
        "unit": ("Unit 3", "#3", "Apt 3", "UNIT 3"),
        "city": ("Edison", "EDISON"), "state": "NJ", "zip": ("08817", "08817-2210"),
        "phone": "7325809216", "email": ("jmiller.nj@outlook.com", "JMiller.NJ@outlook.com"),
    },
    {
        "name": ("Ahmed Hassan", "AHMED HASSAN", "Ahmed  Hassan", "Hassan, Ahmed", "A. Hassan"),
        "street": ("88-12 Queens Blvd", "88-12 Queens Boulevard", "8812 Queens Blvd"),
        "unit": ("Apt 5C", "APT 5C", "#5C", "Apt. 5-C"),
        "city": ("Elmhurst", "ELMHURST", "Queens"), "state": "NY", "zip": ("11373", "11373-4021"),
        "phone": "3475120874", "email": ("ahmedhassan.ny@gmail.com", "ahmed.hassan.ny@gmail.com"),
    },
    {
        "name": ("Tyler Brooks", "TYLER BROOKS", "Tyler Brooks.", "Brooks, Tyler"),
        "street": ("621 SW Alder St", "621 S.W. Alder Street", "621 SW ALDER ST"),
        "unit": ("#1402", "Apt 1402", "Unit 1402", "APT 1402"),
        "city": ("Portland", "PORTLAND"), "state": "OR", "zip": ("97205", "97205-3611"),
        "phone": "5037730418", "email": ("tbrooks.pdx@proton.me", "TBrooks.PDX@proton.me"),
    },
    {
        "name": ("Lin Chen", "Chen Lin", "LIN CHEN", "L. Chen", "陈琳"),
        "street": ("1201 S Atlantic Blvd", "1201 South Atlantic Boulevard",
                   "1201 S. Atlantic Blvd."),
        "unit": ("Ste 108", "Suite 108", "#108"),
        "city": ("Monterey Park", "MONTEREY PARK", "Monterey Pk"), "state": "CA",
        "zip": ("91754", "91754-5126"),
        "phone": "6265530192", "email": ("linchen1201@163.com", "LinChen1201@163.com"),
    },
    {
        "name": ("Brandon Scott", "BRANDON SCOTT", "Brandon Scott Jr.", "Scott, Brandon"),
        "street": ("245 Pine Hollow Rd", "245 Pine Hollow Road", "245 PINE HOLLOW RD"),
        "unit": ("Apt 2F", "APT. 2F", "#2F", "Apt 2-F"),
        "city": ("Scranton", "SCRANTON"), "state": "PA", "zip": ("18505", "18505-1120"),
        "phone": "5703428861", "email": ("bscott245@aol.com", "BScott245@aol.com"),
    },
    {
        "name": ("Jessica Nguyen", "Nguyễn Jessica", "JESSICA NGUYEN", "Jess Nguyen"),
        "street": ("9740 Bolsa Ave", "9740 Bolsa Avenue", "9740 BOLSA AVE."),
        "unit": ("Unit 7", "#7", "Ste 7", "UNIT 7"),
        "city": ("Westminster", "WESTMINSTER"), "state": "CA", "zip": ("92683", "92683-6711"),
        "phone": "7148930275", "email": ("jnguyen.bolsa@icloud.com", "JNguyen.Bolsa@icloud.com"),
    },
    {
        "name": ("Marcus Reed", "MARCUS REED", "Marcus D. Reed", "Reed, Marcus"),
        "street": ("510 Cheyenne Ave", "510 W Cheyenne Avenue", "510 W. CHEYENNE AVE"),
        "unit": ("Apt B", "APT B", "#B", "Unit B"),
        "city": ("North Las Vegas", "N Las Vegas", "NORTH LAS VEGAS"), "state": "NV",
        "zip": ("89030", "89030-7342"),
        "phone": "7026481157", "email": ("marcusreed510@gmail.com", "marcus.reed510@gmail.com"),
    },
    {
        "name": ("Ship2You Forwarding", "SHIP2YOU FORWARDING", "Ship 2 You Forwarding Inc.",
                 "Ship2You"),
        "street": ("7300 NW 35th Ter", "7300 NW 35th Terrace", "7300 N.W. 35 TER"),
        "unit": ("#4481", "PMB 4481", "Ste 4481", "Suite 4481"),
        "city": ("Miami", "MIAMI"), "state": "FL", "zip": ("33122", "33122-1219"),
        "phone": "3054700963", "email": ("inbound@ship2you.us", "Inbound@Ship2You.us"),
    },
    {
        "name": ("Olga Petrova", "Ольга Петрова", "OLGA PETROVA", "Petrova, Olga"),
        "street": ("2890 Ocean Pkwy", "2890 Ocean Parkway", "2890 OCEAN PKWY"),
        "unit": ("Apt 6J", "APT 6J", "#6J", "Apt. 6-J"),
        "city": ("Brooklyn", "BROOKLYN"), "state": "NY", "zip": ("11235", "11235-7803"),
        "phone": "9175036624", "email": ("opetrova2890@mail.com", "OPetrova2890@mail.com"),
    },
)  # fmt: skip
_DROP_WEIGHTS = (14, 12, 12, 8, 9, 7, 10, 6, 8, 5, 11, 6)


# --------------------------------------------------------------------------------------------
# Service indicators (S10) by weight class
# --------------------------------------------------------------------------------------------

_SI_LIGHT = (
    ("LX", 20), ("LY", 7), ("LZ", 6), ("UA", 14), ("UB", 6), ("RR", 7), ("RB", 8),
    ("HA", 8), ("CP", 4), ("EE", 3), ("EA", 2),
)  # fmt: skip
_SI_HEAVY = (("CP", 34), ("CN", 8), ("EE", 20), ("EA", 10), ("HA", 15))
_MAIL_CLASS = dict(L="letter", U="letter", R="letter", C="parcel", E="ems", H="parcel")
_HA_OTHER = 0.25  # share of e-commerce (H*) items declared as mail class "other"


def _si_table(pairs: Sequence[tuple[str, float]]) -> tuple[tuple[str, str], ...]:
    """(service indicator, mail class) draws; a quarter of the ``HA`` items are "other"."""
    out: list[tuple[tuple[str, str], float]] = []
    for si, w in pairs:
        cls = _MAIL_CLASS[si[0]]
        if si[0] == "H":
            out += [((si, "other"), w * _HA_OTHER), ((si, cls), w * (1 - _HA_OTHER))]
        else:
            out.append(((si, cls), w))
    return _table(out, 128)


_CATEGORY_NORMAL = (
    ("sale_of_goods", 82), ("gift", 8), ("commercial_sample", 2), ("returned_goods", 2),
    ("documents", 1.5), ("mixed", 2.5), ("other", 2),
)  # fmt: skip
_OTHER_EXPLANATIONS = (
    "Personal effects",
    "Warranty replacement",
    "Repaired item returned to owner",
    "Trade show display material",
    "Replacement part under warranty",
)
_DOCUMENTS = (
    ("Business correspondence", 20, 120),
    ("Printed contract documents", 50, 300),
    ("Academic transcripts", 20, 150),
    ("Signed legal papers", 30, 200),
)
_COMMENTS = (
    "Fragile",
    "Handle with care",
    "Gift for my sister",
    "Birthday present",
    "Please deliver to front desk",
    "Replacement under warranty",
    "Do not bend",
    "Customer order, thank you",
    "Leave at door if no answer",
)
_KIND_WEIGHTS = (
    ("vague_description", 22), ("precursor", 12), ("pill_press", 6), ("counterfeit", 20),
    ("gift_commercial_quantity", 10), ("weight_mismatch", 10), ("zero_value", 8),
    ("drop_address", 12),
)  # fmt: skip
_MISSING_WEIGHTS = (
    ("sender.phone", 16), ("sender.email", 14), ("addressee.phone", 14), ("addressee.email", 14),
    ("sender.postcode", 9), ("addressee.postcode", 6), ("sender.street", 8),
    ("contents.hs_code", 10), ("gross_weight_kg", 5), ("sent_at", 4),
)  # fmt: skip


# --------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------
#
# Speed: the hot path draws 64 random bits at a time (`getrandbits`) and slices them into table
# indices and numbers; lookup tables have power-of-two sizes so that a slice is an index. The
# rare (suspicious, missing, version 2) paths use plain `random()` for readability.

_M16 = 0xFFFF
_GAPS = (0, 0, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5)  # seconds between items, mean ~2.6
_CLEAN = DemoLabel((), ())
_INVOICE_PREFIXES = tuple(
    f"{prefix}{year}"
    for prefix in ("INV-", "INV-", "INV", "PO-", "SO", "", "", "ORD-")
    for year in (2025, 2026)
)


def _street(c: _Country, areas: Sequence[str], gb: Callable[[int], int], n: object) -> str:
    """A street line of `c`; `n` is the house number (or "{n}" to leave it to fill in later)."""
    b = gb(64)
    tpl = c.streets[(b & 1023) % len(c.streets)]
    return tpl.format(
        n=n,
        m=1 + ((b >> 30) & 31),
        u=f"{1 + ((b >> 35) & 31)}{1 + ((b >> 40) & 15):02d}",
        b="ABCDEFGH"[(b >> 44) & 7],
        r=c.roads[((b >> 47) & 255) % len(c.roads)],
        c=c.roads2[((b >> 55) & 31) % len(c.roads2)],
        a=areas[((b >> 60) & 15) % len(areas)],
    )


def _email(g: str, f: str, domain: str, gb: Callable[[int], int]) -> str:
    """An e-mail address for given name `g` and family name `f` (ASCII, lower case)."""
    b = gb(48)
    if domain == "qq.com":
        return f"{10_000_000 + (b >> 8) % 3_000_000_000}@qq.com"
    x = b & 7
    n = (b >> 3) & 16383
    if x == 0:
        return f"{g}.{f}{n}@{domain}"
    if x == 1:
        return f"{g}{f}{n}@{domain}"
    if x == 2:
        return f"{g[0]}{f}{n}@{domain}"
    if x == 3:
        return f"{f}_{g}{n}@{domain}"
    if x == 4:
        return f"{g}{1950 + n % 56}{n >> 8}@{domain}"
    if x == 5:
        return f"{g}_{f}{n}@{domain}"
    if x == 6:
        return f"{f}.{g}{n}@{domain}"
    return f"{g}{f[0]}{n}@{domain}"


class _Place(NamedTuple):
    street: str  # a format string: "{n}" is the house number
    city: str
    postcode: str
    state: str


# Small lookup tables for formatting (kept small: big tables cost more in cache misses).
_CENTS = tuple(f".{i:02d}" for i in range(100))
_HOURS = tuple(f"T{h:02d}:" for h in range(24))
_MMSS = tuple(f"{m:02d}:{s:02d}" for m in range(60) for s in range(60))
_CHARGES_LETTER = tuple(_money(150 + x * 3 // 4) for x in range(1024))  # 1.50–9.17
_CHARGES_PARCEL = tuple(_money(150 + x * 12 // 4) for x in range(1024))  # 1.50–32.19


class _Pools:
    """Everything that does not depend on the position in the stream; built once per seed."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(f"parcelbench.aed.demo:{seed}")
        r, gb = rng.random, rng.getrandbits
        self.countries = {code: _Country(code, spec) for code, spec in _COUNTRY_SPECS.items()}
        self.country_table = _table([(c, c.weight) for c in self.countries.values()], 2048)
        groups: dict[str, list[_Good]] = {}
        for good in _GOODS:
            groups.setdefault(good.group, []).append(good)
        self.goods = {
            name: _table(
                [(g, w / len(groups[grp])) for grp, w in weights.items() for g in groups[grp]],
                2048,
            )
            for name, weights in _PROFILES.items()
        }
        # single pieces at a listing price: (JSON dict without origin, grams, cents) per slot
        self.singles = {
            name: tuple(self._single(table[i * 4], gb) for i in range(512))
            for name, table in self.goods.items()
        }
        self.names = {key: tuple(lang.name(r) for _ in range(256)) for key, lang in _LANGS.items()}
        self.phones = {
            c.code: tuple(_Phones(t, rng) for t in c.phones) for c in self.countries.values()
        }
        self.places: dict[str, tuple[_Place, ...]] = {}
        for c in self.countries.values():
            places = []
            for _ in range(min(2048, 64 * math.ceil(c.weight))):
                city, state, postcode = c.cities[gb(16) % len(c.cities)]
                areas = _CN_AREAS[city].split(";") if city in _CN_AREAS else _AREAS[c.code]
                street = _street(c, areas, gb, "{n}")
                places.append(_Place(street, city, _fill(postcode, rng), state))
            self.places[c.code] = tuple(places)
        self.businesses = {
            c.code: tuple(self._business(c, rng) for _ in range(max(8, int(c.weight * 10))))
            for c in self.countries.values()
        }
        cn = self.countries["CN"]
        self.chem_senders = tuple(self._business(cn, rng, *known) for known in _CHEM_COMPANIES)
        self.press_senders = tuple(self._business(cn, rng, *known) for known in _MACHINE_COMPANIES)

        phone_formats = _table(list(zip(_US_PHONES, (5, 4, 2, 2, 1, 1, 1), strict=True)), 64)
        us_cities = []
        for city, state, zips, areas, weight in _US_CITIES:
            zip5 = tuple(f"{p}{rng.randrange(100):02d}" for p in zips.split() for _ in range(6))
            phones = []  # (text before the exchange, text between exchange and line number)
            for _ in range(16):
                fmt = phone_formats[gb(6)].replace("{a}", rng.choice(areas.split()))
                before, _, rest = fmt.partition("{e}")
                phones.append((before, rest.replace("{l}", "")))
            us_cities.append(((city, state, _pow2(zip5, 16), tuple(phones)), weight))
        self.us_cities = _table(us_cities, 2048)
        us_langs = _table([(_LANGS[k], w) for k, w in _US_NAME_LANGS], 512)
        self.us_names = tuple(self._us_name(us_langs[gb(9)], r) for _ in range(2048))
        suffixes = _table(_US_SUFFIXES, 256)
        self.us_streets = tuple(
            f"{rng.choice(_US_DIRECTIONS)}{rng.choice(_US_STREETS)} {suffixes[gb(8)]}"
            for _ in range(1024)
        )
        self.us_units = tuple(
            rng.choice(_US_UNITS).format(
                a=f"{rng.randrange(1, 21)}{rng.choice('ABCDEFGHJK')}", s=rng.randrange(100, 1000)
            )
            for _ in range(256)
        )
        self.us_mail = _table(_US_MAIL, 32)
        self.si_light = _si_table(_SI_LIGHT)
        self.si_heavy = _si_table(_SI_HEAVY)
        self.npieces = _table(((1, 65), (2, 20), (3, 10), (4, 5)), 64)
        self.categories = _table(_CATEGORY_NORMAL, 1024)
        self.kinds = _table(_KIND_WEIGHTS, 1024)
        self.missing = _table(_MISSING_WEIGHTS, 1024)
        self.drops = _table(list(zip(_DROPS, _DROP_WEIGHTS, strict=True)), 512)

    @staticmethod
    def _single(g: _Good, gb: Callable[[int], int]) -> tuple[dict[str, Any], int, int]:
        v = g.lo + ((gb(16) * g.span) >> 16)
        w = g.glo + ((gb(16) * g.gspan) >> 16)
        piece = {
            "description": g.description,
            "quantity": 1,
            "net_weight_kg": w / 1000,
            "value": f"{v // 100}{_CENTS[v % 100]}",
            "currency": "USD",
            "hs_code": g.hs[gb(3)],
            "origin_country": "",
        }
        return piece, w, v

    @staticmethod
    def _us_name(lang: _Lang, r: Callable[[], float]) -> tuple[str, str]:
        """A U.S. addressee's name and the start of their e-mail address."""
        name, g, f = lang.name(r)
        parts = name.split(" ")
        if lang.order != "gf" and len(parts) == 2 and r() < 0.7:  # U.S. habit: given name first
            name = f"{parts[1]} {parts[0]}"
        if r() < 0.04:
            name = name.upper()
        forms = (f"{g}.{f}", f"{g}{f}", f"{g[0]}{f}", f"{f}_{g}", f"{g}_{f}", f"{f}.{g}")
        return name, forms[int(r() * len(forms))]

    def place(self, c: _Country, b: int) -> dict[str, str]:
        """{street, city, postcode, state, country} of somewhere in `c` (`b`: 20 random bits)."""
        places = self.places[c.code]
        pl = places[(b & 4095) % len(places)]
        place = {
            "street": pl.street.format(n=1 + (b >> 12)),
            "city": pl.city,
            "postcode": pl.postcode,
        }
        if pl.state:
            place["state"] = pl.state
        place["country"] = c.code
        return place

    def _business(
        self,
        c: _Country,
        rng: random.Random,
        company: str | None = None,
        *where: str,
    ) -> dict[str, str]:
        """A company sender; `company` and `where` (city, state, postcode) name a known one."""
        r = rng.random
        place = self.place(c, rng.getrandbits(20))
        if where:
            city, state, postcode = where
            place.update(city=city, postcode=_fill(postcode, rng), state=state, country=c.code)
        native = None
        if company is None:  # a company name in Latin script and, for some, in its own
            word, _, native = c.biz_words[int(r() * len(c.biz_words))].partition("|")
            if c.code == "CN":
                kind, kind_cn = _CN_TYPES[int(r() * len(_CN_TYPES))]
                company = f"{place['city']} {word} {kind} Co., Ltd."
                native = f"{_CN_CITIES[place['city']]}{native}{kind_cn}有限公司"
            else:
                fam = c.lang.family
                company = c.biz_templates[int(r() * len(c.biz_templates))].format(
                    W=word, F=fam[int(r() * len(fam))][0], G=fam[int(r() * len(fam))][0]
                )
        words = company.split(" Co.,")[0].split(" (")[0].split()
        slug = _ascii("".join(words[1:3] if c.code == "CN" else words[:2]))[:20] or "shop"
        x = r()
        party: dict[str, str] = {}
        if x < 0.35:
            party["name"] = c.lang.name(r)[0]
            party["business"] = company
        elif x < 0.5 and native:
            party["name"] = company
            party["business"] = native
        else:
            party["name"] = company
        party.update(place)
        phones = self.phones[c.code]
        party["phone"] = phones[int(r() * len(phones))](rng.getrandbits)
        if c.code == "CN" and r() < 0.4:
            box = f"{slug[:14]}{rng.randrange(100, 999)}"
            party["email"] = f"{box}@{('163.com', '126.com')[x < 0.2]}"
        else:
            box = ("sales", "info", "service", "export", "cs", "order")[int(r() * 6)]
            party["email"] = f"{box}@{slug}.{c.tld}" if r() < 0.5 else f"{box}@{slug}.com"
        if r() < 0.7:
            party["tax_id"] = _fill(c.tax, rng)
        return party


@functools.lru_cache(maxsize=4)
def _pools(seed: int) -> _Pools:
    return _Pools(seed)


class _Gen:
    """One stream: the pools of its seed plus the position (time, serials) in the stream."""

    def __init__(self, seed: int, start: datetime, suspicious_rate: float, missing_rate: float):
        if not 0.0 <= suspicious_rate <= 1.0:
            raise ValueError(f"suspicious_rate must be in [0, 1], got {suspicious_rate}")
        if not 0.0 <= missing_rate <= 1.0:
            raise ValueError(f"missing_rate must be in [0, 1], got {missing_rate}")
        self.p = _pools(seed)
        self.rng = rng = random.Random(seed)
        self.r = rng.random
        self.gb = rng.getrandbits
        self.k_suspicious = round(suspicious_rate * 65536)
        self.k_missing = round(missing_rate * 65536)
        if start.tzinfo is None:
            start = start.replace(tzinfo=UTC)
        self.t = int(start.timestamp())
        self.days: dict[int, str] = {}
        self.combos: dict[str, list[int]] = {}

    # -- parties ----------------------------------------------------------------------------

    def _person(self, c: _Country) -> dict[str, str]:
        gb = self.gb
        b = gb(64)
        name, g, f = self.p.names[c.lang_key][b & 255]
        if (b >> 9) & 31 == 0:
            name = name.upper()
        places = self.p.places[c.code]
        pl = places[((b >> 14) & 4095) % len(places)]
        party = {
            "name": name,
            # house numbers up to 1024, 128, 256 or 512, a quarter each
            "street": pl.street.format(n=1 + (((b >> 26) & 1023) >> ((b >> 36) & 3))),
            "city": pl.city,
            "postcode": pl.postcode,
        }
        if pl.state:
            party["state"] = pl.state
        party["country"] = c.code
        phones = self.p.phones[c.code]
        party["phone"] = phones[((b >> 38) & 255) % len(phones)](gb)
        party["email"] = _email(g, f, c.mail[((b >> 51) & 255) % len(c.mail)], gb)
        return party

    def _addressee(self) -> dict[str, str]:
        p, gb = self.p, self.gb
        b = gb(64)
        name, mailbox = p.us_names[b & 2047]
        city, state, zips, phones = p.us_cities[(b >> 12) & 2047]
        num = 1 + ((((b >> 23) & 8191) * ((b >> 36) & 8191)) >> 13)
        x = (b >> 49) & 63
        b2 = gb(64)
        street = f"{num} {p.us_streets[b2 & 1023]}"
        if x < 16:
            sep = ", " if x < 8 else " "
            street = f"{street}{sep}{p.us_units[(b2 >> 18) & 255]}"
        elif x == 63:
            street = street.upper()
        zipcode = zips[(b2 >> 28) & 15]
        if (b2 >> 32) & 15 == 0:
            zipcode = f"{zipcode}-{((b2 >> 36) & 8191) + 100:04d}"
        before, between = phones[(b >> 55) & 15]
        exchange = 200 + ((((b2 >> 49) & 1023) * 800) >> 10)
        b3 = gb(24)
        phone = f"{before}{exchange}{between}{(b3 & 16383) % 10_000:04d}"
        return {
            "name": name,
            "street": street,
            "city": city if x != 62 else city.upper(),
            "postcode": zipcode,
            "state": state,
            "country": "US",
            "phone": phone,
            "email": f"{mailbox}{(b2 >> 59) * 1000 + (b3 >> 14)}@{p.us_mail[b >> 59]}",
        }

    def _drop(self) -> dict[str, str]:
        r = self.r
        d = self.p.drops[int(r() * 512)]

        def pick(values: tuple[str, ...]) -> str:
            # the first variant about half of the time, the others evenly
            return values[0] if r() < 0.5 else values[int(r() * len(values))]

        unit = pick(d["unit"])
        sep = (" ", ", ", " ")[int(r() * 3)]
        digits = d["phone"]
        fmt = _US_PHONES[int(r() * len(_US_PHONES))]
        return {
            "name": pick(d["name"]),
            "street": f"{pick(d['street'])}{sep}{unit}",
            "city": pick(d["city"]),
            "postcode": pick(d["zip"]),
            "state": d["state"],
            "country": "US",
            "phone": fmt.format(a=digits[:3], e=digits[3:6], l=digits[6:]),
            "email": pick(d["email"]),
        }

    # -- contents ---------------------------------------------------------------------------

    def _pieces(self, c: _Country, count: int) -> list[list[Any]]:
        """[description, qty, net grams, value USD cents, hs, origin, group] per piece."""
        gb = self.gb
        table = self.p.goods[c.goods]
        out = []
        for _ in range(count):
            b = gb(64)
            g = table[b & 2047]
            q = (b >> 11) & 1023
            qty = 1 if q < 717 else 2 if q < 870 else min(g.maxq, 3 + ((b >> 21) & 7))
            unit_c = g.lo + ((((b >> 24) & _M16) * g.span) >> 16)
            unit_g = g.glo + ((((b >> 40) & _M16) * g.gspan) >> 16)
            origin = "CN" if (b >> 59) < c.k_cn else c.code
            out.append(
                [g.description, qty, unit_g * qty, unit_c * qty, g.hs[(b >> 56) & 7], origin,
                 g.group]
            )  # fmt: skip
        return out

    # -- one item ---------------------------------------------------------------------------

    def item(self) -> tuple[dict[str, Any], DemoLabel]:
        p, gb = self.p, self.gb
        b = gb(64)
        b2 = gb(64)
        self.t += _GAPS[b & 15]
        c: _Country = p.country_table[(b >> 4) & 2047]
        n_pieces = p.npieces[(b >> 15) & 63]
        kind = p.kinds[(b >> 21) & 1023] if ((b >> 31) & _M16) < self.k_suspicious else ""
        category = p.categories[(b >> 47) & 1023]
        local = ((b2 >> 19) & 255) < 38 and c.currency != "USD"

        if not kind and category == "sale_of_goods" and not local:  # the common case, fast
            contents, net_g, total = self._contents_usd(c, n_pieces)
            currency = "USD"
            explanation = ""
            kinds: tuple[str, ...] = ()
            sender: dict[str, str] | None = None
            addressee: dict[str, str] | None = None
        else:
            (c, category, explanation, kinds, sender, addressee, contents, net_g, total,
             currency) = self._rare(c, kind, category, n_pieces, local)  # fmt: skip

        if sender is None:
            if ((b >> 57) & 127) < c.k_biz:
                pool = p.businesses[c.code]
                sender = dict(pool[gb(16) % len(pool)])
            else:
                sender = self._person(c)
        if addressee is None:
            addressee = self._addressee()

        if kind == "weight_mismatch":
            gross_g = max(1, net_g * (10 + (b2 & 31)) // 100)
        else:
            gross_g = net_g + 15 + net_g * (3 + (b2 & 15)) // 100 + ((b2 >> 4) & 63)
        si, mail_class = (p.si_light if gross_g <= 2000 else p.si_heavy)[(b2 >> 10) & 127]
        x = (b2 >> 27) & 1023
        if currency == "USD":
            charge = _CHARGES_LETTER[x] if mail_class == "letter" else _CHARGES_PARCEL[x]
        else:
            cents = int((150 + x * (3 if mail_class == "letter" else 12) // 4) * c.rate + 0.5)
            if currency in _ZERO_DECIMAL:
                cents = (cents + 50) // 100 * 100
            charge = _money(cents)

        # item id: walk this (service indicator, country)'s serials with a stride coprime to 10^8
        combo = self.combos.get(si + c.code) or self._combo(si + c.code)
        serial = combo[0]
        nxt = serial + combo[1]
        combo[0] = nxt if nxt < _SERIALS else nxt - _SERIALS
        item_id = s10.make(si, f"{serial:08d}", c.code)
        # sent_at: local time of the origin, up to 3 days (mostly much less) before the AED
        ts = self.t - ((((b2 >> 37) & _M16) * (b2 >> 53) * 259_200) >> 27) + c.tz_seconds
        d = ts // 86400
        h, ms = divmod(ts % 86400, 3600)
        sent_at = f"{self.days.get(d) or self._day(d)}{_HOURS[h]}{_MMSS[ms]}{c.offset}"

        if explanation:
            item: dict[str, Any] = {
                "item_id": item_id,
                "version": 1,
                "sent_at": sent_at,
                "mail_class": mail_class,
                "category": category,
                "category_explanation": explanation,
                "gross_weight_kg": gross_g / 1000,
                "total_value": f"{total // 100}{_CENTS[total % 100]}",
                "currency": currency,
                "postal_charges": charge,
            }
        else:
            item = {
                "item_id": item_id,
                "version": 1,
                "sent_at": sent_at,
                "mail_class": mail_class,
                "category": category,
                "gross_weight_kg": gross_g / 1000,
                "total_value": f"{total // 100}{_CENTS[total % 100]}",
                "currency": currency,
                "postal_charges": charge,
            }
        b3 = gb(64)
        if "business" in sender or (category == "sale_of_goods" and (b3 & 7) < 5):
            item["invoice_no"] = f"{_INVOICE_PREFIXES[(b3 >> 3) & 15]}{1_000_000 + (b3 >> 44)}"
        y = (b3 >> 8) & 1023
        if y < 80:
            item["comments"] = _COMMENTS[y % len(_COMMENTS)]
        elif y > 900:
            groups = {_GROUP_OF.get(piece["description"]) for piece in contents}
            if "cosmetics" in groups or "food" in groups:
                item["certificate_nos"] = [f"HC-{c.code}-{(b3 >> 18) & 0xFFFFFF:08d}"]
            elif y > 990 and ("electronics" in groups or "auto" in groups):
                item["licence_nos"] = [f"EL-{c.code}-{(b3 >> 18) & 0xFFFFF:07d}"]
        item["sender"] = sender
        item["addressee"] = addressee
        item["contents"] = contents

        if ((b3 >> 28) & _M16) < self.k_missing:
            return item, DemoLabel(kinds, self._leave_out(item, kind))
        return (item, DemoLabel(kinds, ())) if kinds else (item, _CLEAN)

    def _combo(self, key: str) -> list[int]:
        """Start a serial walk: a random start and a stride coprime to 10^8 (a full cycle)."""
        rng = self.rng
        stride = rng.randrange(1, _SERIALS)
        while stride % 2 == 0 or stride % 5 == 0:
            stride = rng.randrange(1, _SERIALS)
        combo = self.combos[key] = [rng.randrange(_SERIALS), stride]
        return combo

    def _day(self, d: int) -> str:
        day = self.days[d] = f"{date(1970, 1, 1) + timedelta(days=d)}"
        return day

    def _contents_usd(self, c: _Country, count: int) -> tuple[list[dict[str, Any]], int, int]:
        """Ordinary content pieces valued in USD, plus their net grams and value in cents.

        Same draws as :meth:`_pieces`, building the JSON dicts directly (the hot path).
        """
        gb = self.gb
        table = self.p.goods[c.goods]
        singles = self.p.singles[c.goods]
        code, k_cn = c.code, c.k_cn
        contents = []
        net = total = 0
        for _ in range(count):
            b = gb(64)
            q = (b >> 11) & 1023
            if q < 717:  # one piece at one of the listing prices
                piece, w, v = singles[b & 511]
                piece = piece.copy()
                piece["origin_country"] = "CN" if (b >> 59) < k_cn else code
                contents.append(piece)
                net += w
                total += v
                continue
            g = table[b & 2047]
            qty = 2 if q < 870 else min(g.maxq, 3 + ((b >> 21) & 7))
            v = (g.lo + ((((b >> 24) & _M16) * g.span) >> 16)) * qty
            w = (g.glo + ((((b >> 40) & _M16) * g.gspan) >> 16)) * qty
            net += w
            total += v
            contents.append(
                {
                    "description": g.description,
                    "quantity": qty,
                    "net_weight_kg": w / 1000,
                    "value": f"{v // 100}{_CENTS[v % 100]}",
                    "currency": "USD",
                    "hs_code": g.hs[(b >> 56) & 7],
                    "origin_country": "CN" if (b >> 59) < k_cn else code,
                }
            )
        return contents, net, total

    def _rare(
        self, c: _Country, kind: str, category: str, n_pieces: int, local: bool
    ) -> tuple[Any, ...]:
        """Everything but an ordinary USD sale: suspicious kinds, other categories, currencies."""
        kinds: tuple[str, ...] = ()
        sender = addressee = None
        explanation = ""
        if not kind or kind == "weight_mismatch" or kind == "drop_address":
            pieces = self._pieces(c, n_pieces)
            if category == "gift":
                _personal_quantities(pieces)
            elif category != "sale_of_goods":
                explanation = self._special_category(c, category, pieces)
            if kind:
                kinds = (kind,)
            if kind == "drop_address":
                addressee = self._drop()
        else:
            c, sender, pieces, category, explanation, kinds = self._suspicious(kind, c, n_pieces)
            if "drop_address" in kinds:
                addressee = self._drop()
            local = local and c.currency != "USD"

        currency, rate = (c.currency, c.rate) if local else ("USD", 1.0)
        whole = currency in _ZERO_DECIMAL
        contents = []
        net_g = total = 0
        for piece in pieces:
            v = piece[3]
            if local:
                v = int(v * rate + 0.5)
                if whole:
                    v = (v + 50) // 100 * 100
            total += v
            net_g += piece[2]
            contents.append(
                {
                    "description": piece[0],
                    "quantity": piece[1],
                    "net_weight_kg": piece[2] / 1000,
                    "value": f"{v // 100}{_CENTS[v % 100]}",
                    "currency": currency,
                    "hs_code": piece[4],
                    "origin_country": piece[5],
                }
            )
        return (c, category, explanation, kinds, sender, addressee, contents, net_g, total,
                currency)  # fmt: skip

    def _special_category(self, c: _Country, category: str, pieces: list[list[Any]]) -> str:
        """Adjust an ordinary item to a rarer category; returns the category explanation."""
        r = self.r
        if category == "documents":
            desc, lo, hi = _DOCUMENTS[int(r() * len(_DOCUMENTS))]
            grams, cents = lo + int(r() * (hi - lo)), 100 + int(r() * 900)
            pieces[:] = [[desc, 1, grams, cents, "4911.99", c.code, "documents"]]
        elif category == "mixed":
            if len(pieces) == 1:
                pieces += self._pieces(c, 1)
            labels = sorted({_GROUP_LABEL[piece[6]] for piece in pieces})
            text = " and ".join(labels) if len(labels) > 1 else f"assorted {labels[0]}"
            return text.capitalize()
        elif category == "other":
            return _OTHER_EXPLANATIONS[int(r() * len(_OTHER_EXPLANATIONS))]
        elif category == "returned_goods":
            for piece in pieces:
                piece[5] = "US"
        return ""

    def _suspicious(
        self, kind: str, c: _Country, n_pieces: int
    ) -> tuple[_Country, dict[str, str] | None, list[list[Any]], str, str, tuple[str, ...]]:
        """Country, sender (None: an ordinary one), pieces, category, explanation, kinds."""
        r, countries = self.r, self.p.countries
        sender = None
        explanation = ""
        kinds = (kind,)
        if kind == "vague_description":
            pieces = self._pieces(c, n_pieces)
            for piece in pieces:
                piece[0] = VAGUE_DESCRIPTIONS[int(r() * len(VAGUE_DESCRIPTIONS))]
            category = ("gift", "sale_of_goods", "gift", "commercial_sample")[int(r() * 4)]
            if category == "gift":
                _personal_quantities(pieces)
        elif kind == "precursor":
            c = countries["CN" if r() < 0.85 else ("HK", "IN")[int(r() * 2)]]
            if c.code == "CN" and r() < 0.75:
                sender = dict(self.p.chem_senders[int(r() * len(self.p.chem_senders))])
            qty = 1 + int(r() * 3)
            pieces = [[
                _PRECURSORS[int(r() * len(_PRECURSORS))], qty, qty * (100 + int(r() * 900)),
                qty * (500 + int(r() * 5500)), _PRECURSOR_HS[int(r() * len(_PRECURSOR_HS))],
                c.code, "chemicals",
            ]]  # fmt: skip
            if r() < 0.3:  # a cover item
                pieces += self._pieces(c, 1)
            category = ("sale_of_goods", "commercial_sample", "commercial_sample", "gift",
                        "other")[int(r() * 5)]  # fmt: skip
            if category == "other":
                explanation = "Laboratory reagent"
            if r() < 0.35:
                kinds = (kind, "drop_address")
        elif kind == "pill_press":
            c = countries["CN" if r() < 0.9 else "HK"]
            if c.code == "CN" and r() < 0.7:
                sender = dict(self.p.press_senders[int(r() * len(self.p.press_senders))])
            desc, hs, vlo, vhi, wlo, whi = _PRESSES[int(r() * len(_PRESSES))]
            qty = 1 if wlo > 2000 else 1 + int(r() * 3)
            pieces = [[desc, qty, qty * (wlo + int(r() * (whi - wlo))),
                       qty * (vlo + int(r() * (vhi - vlo))), hs, c.code, "machines"]]  # fmt: skip
            category = ("sale_of_goods", "sale_of_goods", "commercial_sample", "other")[
                int(r() * 4)
            ]
            if category == "other":
                explanation = "Machine parts"
            if r() < 0.35:
                kinds = (kind, "drop_address")
        elif kind == "counterfeit":
            c = countries[("CN", "CN", "CN", "HK", "HK", "TR", "TH")[int(r() * 7)]]
            desc, hs, wlo, whi = _BRANDS[int(r() * len(_BRANDS))]
            qty = 1 + int(r() * 2) if r() < 0.8 else 10 + int(r() * 21)
            pieces = [[desc, qty, qty * (wlo + int(r() * (whi - wlo))),
                       qty * (500 + int(r() * 2000)), hs, c.code, "brand"]]  # fmt: skip
            category = "sale_of_goods" if r() < 0.7 else "gift"
            if r() < 0.1:
                kinds = (kind, "drop_address")
        elif kind == "gift_commercial_quantity":
            g = _CHEAP_GOODS[int(r() * len(_CHEAP_GOODS))]
            unit_g = g.glo + int(r() * g.gspan)
            qty = min(50 + int(r() * 451), 20_000 // unit_g)
            pieces = [[g.description, qty, qty * unit_g, qty * (g.lo + int(r() * g.span)),
                       g.hs[0], c.code, g.group]]  # fmt: skip
            category = "gift"
        else:  # zero_value
            pieces = self._pieces(c, n_pieces)
            for piece in pieces:
                piece[3] = 0
            category = ("gift", "commercial_sample", "sale_of_goods")[int(r() * 3)]
            if category == "gift":
                _personal_quantities(pieces)
        return c, sender, pieces, category, explanation, kinds

    def _leave_out(self, item: dict[str, Any], kind: str) -> tuple[str, ...]:
        """Remove one or two optional fields (never one a suspicious kind depends on)."""
        r = self.r
        chosen: list[str] = []
        for _ in range(1 if r() < 0.7 else 2):
            field = self.p.missing[int(r() * 1024)]
            if field in chosen or (field == "gross_weight_kg" and kind == "weight_mismatch"):
                continue
            chosen.append(field)
            if "." not in field:
                del item[field]
            elif field == "contents.hs_code":
                pieces = item["contents"]
                del pieces[int(r() * len(pieces))]["hs_code"]
            else:
                role, key = field.split(".")
                del item[role][key]
        if not chosen:  # only possible when the one draw was refused
            chosen.append("sender.phone")
            del item["sender"]["phone"]
        return tuple(sorted(chosen))

    def amend(self, v1: dict[str, Any]) -> dict[str, Any]:
        """Version 2 of an item (`v1` is a private copy): one field corrected, with a comment."""
        r = self.r
        v2 = v1
        v2["version"] = 2
        x = int(r() * 3)
        if x == 0 or (x == 2 and "gross_weight_kg" not in v2):
            cents = round(float(v1["postal_charges"]) * 100)
            v2["postal_charges"] = _money(cents + 50 + int(r() * 400))
            note = "Amended: postal charges corrected"
        elif x == 1:
            v2["invoice_no"] = f"INV-2026{int(r() * 1_000_000):06d}-R1"
            note = "Amended: invoice number corrected"
        else:
            grams = round(v1["gross_weight_kg"] * 1000) + 1 + int(r() * 50)
            v2["gross_weight_kg"] = grams / 1000
            note = "Amended: gross weight re-weighed"
        v2["comments"] = note
        # keep the JSON key order of a fresh item (comments before the lists and parties)
        return {k: v2[k] for k in _ITEM_ORDER if k in v2}


def _personal_quantities(pieces: list[list[Any]]) -> None:
    """Gifts carry at most two of a kind (only ``gift_commercial_quantity`` items carry more)."""
    for piece in pieces:
        if piece[1] > 2:
            piece[2] = piece[2] // piece[1] * 2
            piece[3] = piece[3] // piece[1] * 2
            piece[1] = 2


def _copy(item: dict[str, Any]) -> dict[str, Any]:
    """A copy sharing nothing mutable with `item` (callers may change what they were given)."""
    out = dict(item)
    out["sender"] = dict(item["sender"])
    out["addressee"] = dict(item["addressee"])
    out["contents"] = [dict(p) for p in item["contents"]]
    for key in ("licence_nos", "certificate_nos"):
        if key in out:
            out[key] = list(out[key])
    return out


_ITEM_ORDER = (
    "item_id",
    "version",
    *ITEM_SCALAR_FIELDS,
    *LIST_FIELDS,
    *PARTY_ROLES,
    "contents",
)


def _stream(gen: _Gen, n: int, labelled: bool) -> Iterator[Any]:
    r = gen.r
    pending: list[tuple[int, int, dict[str, Any], DemoLabel]] = []  # (due, seq, v1 copy, label)
    lo, hi = _V2_DELAY
    make = gen.item
    for i in range(n):
        if pending and pending[0][0] <= i:
            _, _, v1, label = heapq.heappop(pending)
            v2 = gen.amend(v1)
            yield (v2, label) if labelled else v2
            continue
        item, label = make()
        if r() < _V2_RATE:
            due = i + lo + int(r() * (hi - lo))
            if due < n:  # a v2 always follows its v1 inside the stream
                heapq.heappush(pending, (due, i, _copy(item), label))
        yield (item, label) if labelled else item


def generate(
    n: int,
    seed: int = 0,
    *,
    start: datetime | None = None,
    suspicious_rate: float = 0.04,
    missing_rate: float = 0.03,
) -> Iterator[dict[str, Any]]:
    """Stream `n` synthetic AED items (dicts in the interchange JSON shape).

    Deterministic for a given ``(n, seed)`` and keyword arguments; ``start`` (default
    :data:`DEFAULT_START`; naive means UTC) is when the stream begins. ``suspicious_rate`` is
    the share of items carrying a risk indicator, ``missing_rate`` the share lacking some
    optional fields. Each item is a fresh dict the caller may keep or change. Item ids are
    unique across the stream (for ``n`` below 10^8); about 1 % of items reappear later as
    version 2 with one field corrected.
    """
    if n < 0:
        raise ValueError(f"n must not be negative, got {n}")
    gen = _Gen(seed, start or DEFAULT_START, suspicious_rate, missing_rate)
    return _stream(gen, n, False)


def generate_labelled(
    n: int,
    seed: int = 0,
    *,
    start: datetime | None = None,
    suspicious_rate: float = 0.04,
    missing_rate: float = 0.03,
) -> Iterator[tuple[dict[str, Any], DemoLabel]]:
    """The items of :func:`generate` (same arguments, same items), each with its ground truth."""
    if n < 0:
        raise ValueError(f"n must not be negative, got {n}")
    gen = _Gen(seed, start or DEFAULT_START, suspicious_rate, missing_rate)
    return _stream(gen, n, True)
