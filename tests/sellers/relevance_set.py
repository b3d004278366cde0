"""The search relevance set: queries a shopper types on the demo catalogue (`seed_demo`'s shops and
products) and what each must bring into its first five results.

A case passes when one of the top five (`every=True`: each of them) has a name, or with `shop=True`
a shop name, matching `expect` (a regular expression, case-insensitive). Scored as hits at 5 by
`benchmarks/search_relevance.py`; every case is a test in `test_search_relevance.py`.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    query: str
    expect: str
    every: bool = False
    shop: bool = False

    def passes(self, top: list[tuple[str, str]]) -> bool:
        """`top`: the first five results as (product name, shop name)."""
        pattern = re.compile(self.expect, re.IGNORECASE)
        found = [bool(pattern.search(shop if self.shop else name)) for name, shop in top[:5]]
        return bool(found) and (all(found) if self.every else any(found))


CASES = [
    # plain words, any order, mixed case
    Case("kopi", r"^Kopi ", every=True),
    Case("gayo 250", r"Gayo.* 250 g", every=True),
    Case("arabika gayo", r"Arabika Gayo", every=True),
    Case("GAYO arabika", r"Arabika Gayo", every=True),
    Case("Madu Sumbawa", r"^Madu .*Sumbawa", every=True),
    Case("batik tulis", r"Batik Tulis", every=True),
    Case("tenun ikat sikka", r"Tenun Ikat Sikka", every=True),
    Case("wedang uwuh", r"^Wedang Uwuh"),
    Case("gula aren cair", r"Gula Aren Cair"),
    Case("gula semut 1 kg", r"^Gula Semut.* 1 kg"),
    Case("hand sanitizer 100 ml", r"Hand Sanitizer.* 100 ml", every=True),
    Case("masker batik", r"Masker Kain Batik"),
    Case("mukena bordir", r"^Mukena Bordir"),
    Case("baju koko lengan pendek", r"Baju Koko.*Lengan Pendek", every=True),
    Case("pashmina plisket", r"^Pashmina Plisket", every=True),
    Case("hijab segi empat", r"^Hijab Segi Empat", every=True),
    Case("jamu kunyit asam", r"Jamu Kunyit Asam", every=True),
    Case("temulawak", r"Temulawak", every=True),
    Case("robusta lampung", r"Robusta Lampung", every=True),
    Case("green bean", r"^Green Bean", every=True),
    Case("cold brew", r"^Cold Brew", every=True),
    Case("drip bag wamena", r"Drip Bag.*Wamena", every=True),
    Case("kaligrafi ayat kursi", r"Kaligrafi.*Ayat Kursi", every=True),
    Case("cangkir espresso", r"^Cangkir Espresso", every=True),
    Case("grinder kopi", r"Grinder Kopi"),
    Case("kayu manis", r"Kayu Manis", every=True),
    Case("teh hijau", r"^Teh Hijau"),
    Case("rendang", r"Rendang", every=True),
    Case("kopi toraja", r"Toraja", every=True),
    Case("mandailing peaberry", r"Mandailing Peaberry"),
    Case("sandal hotel", r"^Sandal Hotel"),
    Case("tas anyaman", r"^Tas .*Anyaman", every=True),
    Case("kopi susu gula aren", r"Kopi Susu Gula Aren"),
    Case("kopi bubuk gayo", r"Kopi Bubuk Arabika Gayo"),
    # other forms of a word (Indonesian affixes)
    Case("ukiran jati", r"Ukir Jati"),
    Case("anyaman ata", r"Anyaman Ata", every=True),
    Case("minuman kopi", r"^(Kopi|Cold Brew)"),
    # a word still being typed
    Case("cangkir keram", r"^Cangkir .*Keramik"),
    Case("gamis plis", r"^Gamis .*Plisket", every=True),
    # shop names
    Case("toraja sapan", r"Toraja Sapan", shop=True),
    Case("ukir jepara", r"Ukir Jepara", shop=True),
    Case("dapur minang", r"Dapur Minang", shop=True),
    # punctuation and apostrophes
    Case("syar'i", r"Syar'i"),
    Case("syari", r"Syar'i"),
    Case("gamis syari toyobo", r"^Gamis Toyobo Syar'i"),
    Case("kopi-gayo", r"^Kopi .*Gayo", every=True),
    Case("Kopi, Gayo!", r"^Kopi .*Gayo", every=True),
    Case("hand-sanitizer", r"^Hand Sanitizer", every=True),
    # typos
    Case("kpoi", r"^Kopi ", every=True),
    Case("mdau", r"^Madu "),
    Case("temulawk", r"Temulawak"),
    Case("kerpik pisang", r"Keripik Pisang"),
    Case("batk tulis", r"Batik Tulis"),
    Case("arabica gayo", r"Arabika Gayo"),
    Case("sidikalnag", r"Sidikalang"),
    Case("pashmnia", r"^Pashmina"),
]
