"""The demo coffee origins (species, region, tasting notes, processes) and the coffee line a shop
of one origin sells: roasted beans by process and size, ground, drip bags, green beans, cold brew."""

from __future__ import annotations

from dataclasses import dataclass

from sellers.demo_templates import T, Template, V


@dataclass(frozen=True)
class Origin:
    label: str
    species: tuple[str, ...]
    region: str
    notes: tuple[str, ...]
    processes: tuple[str, ...] = ("Full Wash", "Semi Wash", "Natural", "Honey")


# fmt: off
COFFEE = {
    "gayo": Origin("Gayo", ("Arabika",), "dataran tinggi Gayo, Aceh (1.200-1.700 mdpl)",
                   ("rempah", "cokelat hitam", "tembakau manis", "buah tropis"),
                   ("Full Wash", "Semi Wash", "Natural", "Honey", "Wine Process", "Anaerob", "Peaberry")),
    "mandailing": Origin("Mandailing", ("Arabika",), "Pakantan, Mandailing Natal (1.100-1.500 mdpl)",
                         ("cokelat", "karamel", "kayu manis", "earthy"), ("Semi Wash", "Full Wash", "Natural",
                                                                          "Peaberry")),
    "sidikalang": Origin("Sidikalang", ("Robusta", "Arabika"), "Dairi, Sumatera Utara (1.000-1.400 mdpl)",
                         ("cokelat pekat", "rempah", "kacang panggang"), ("Semi Wash", "Natural", "Full Wash")),
    "lintong": Origin("Lintong", ("Arabika",), "Lintong Nihuta, selatan Danau Toba (1.300-1.500 mdpl)",
                      ("herbal", "lemon", "gula aren"), ("Semi Wash", "Full Wash", "Natural")),
    "kerinci": Origin("Kerinci", ("Arabika",), "kaki Gunung Kerinci, Jambi (1.400-1.700 mdpl)",
                      ("jeruk", "teh hitam", "madu"), ("Full Wash", "Natural", "Honey", "Anaerob")),
    "lampung": Origin("Lampung", ("Robusta",), "Lampung Barat (800-1.000 mdpl)",
                      ("cokelat pahit", "kacang", "gula merah"), ("Petik Merah", "Natural", "Semi Wash",
                                                                  "Fine Robusta")),
    "preanger": Origin("Java Preanger", ("Arabika",), "Gunung Malabar, Jawa Barat (1.400-1.600 mdpl)",
                       ("bunga", "jeruk", "gula tebu"), ("Full Wash", "Natural", "Honey", "Wine Process")),
    "temanggung": Origin("Temanggung", ("Robusta", "Arabika"), "lereng Sindoro-Sumbing (900-1.400 mdpl)",
                         ("cokelat", "tembakau", "karamel"), ("Natural", "Semi Wash", "Full Wash", "Petik Merah")),
    "ijen": Origin("Java Ijen Raung", ("Arabika",), "dataran tinggi Ijen-Raung, Bondowoso (1.100-1.500 mdpl)",
                   ("cokelat susu", "jeruk", "rempah ringan"), ("Full Wash", "Natural", "Honey")),
    "dampit": Origin("Dampit", ("Robusta",), "Dampit, Malang selatan (600-900 mdpl)",
                     ("cokelat", "kacang"), ("Natural", "Petik Merah")),
    "kintamani": Origin("Kintamani", ("Arabika",), "lereng Gunung Batur, Bangli (1.200-1.600 mdpl)",
                        ("jeruk", "buah segar", "gula aren"), ("Full Wash", "Natural", "Honey", "Wine Process",
                                                               "Anaerob")),
    "bajawa": Origin("Flores Bajawa", ("Arabika",), "kaki Gunung Inerie, Ngada (1.200-1.600 mdpl)",
                     ("cokelat", "vanila", "kacang"), ("Full Wash", "Semi Wash", "Natural", "Honey")),
    "manggarai": Origin("Flores Manggarai", ("Arabika", "Robusta"), "Colol, Manggarai Timur (1.100-1.500 mdpl)",
                        ("cokelat", "kayu manis"), ("Full Wash", "Natural")),
    "toraja": Origin("Toraja", ("Arabika",), "Sapan dan Minanga, Tana Toraja (1.400-1.900 mdpl)",
                     ("buah beri", "rempah", "cokelat hitam"), ("Semi Wash", "Full Wash", "Natural", "Honey",
                                                                "Peaberry")),
    "kalosi": Origin("Kalosi Enrekang", ("Arabika",), "pegunungan Latimojong, Enrekang (1.200-1.800 mdpl)",
                     ("cokelat", "buah kering", "rempah"), ("Semi Wash", "Full Wash", "Natural")),
    "wamena": Origin("Wamena", ("Arabika",), "Lembah Baliem, Jayawijaya (1.500-2.000 mdpl)",
                     ("cokelat", "kacang", "bunga"), ("Full Wash", "Natural")),
}
# fmt: on

STANDARD_PROCESSES = {"Full Wash", "Semi Wash", "Petik Merah", "Natural"}
PROCESS_PREMIUM = {"Honey": 1.15, "Wine Process": 1.3, "Anaerob": 1.35, "Peaberry": 1.2, "Fine Robusta": 1.2}


def coffee_templates(origin: Origin) -> list[Template]:
    """The coffee line of one origin: roasted beans by process and size, ground, drip bags, green beans."""
    templates = []
    for species in origin.species:
        robusta = species == "Robusta"
        per_gram = (170, 230) if robusta else (300, 440)  # roasted beans, Rupiah per gram
        tkdn = (85, 100)
        base = f"dari {origin.region}. Catatan rasa: {{notes}}."
        for process in origin.processes:
            premium = PROCESS_PREMIUM.get(process, 1.0)
            sizes = ((250, 500, 1000) if robusta else (250, 500)) if process in STANDARD_PROCESSES else (200, 250)
            size_values = []
            for grams in sizes:
                bulk = {250: 1.0, 200: 1.05, 500: 0.9, 1000: 0.8}[grams]
                lo, hi = (round(r * grams * premium * bulk) for r in per_gram)
                lo, hi = max(45_000, min(lo, 170_000)), max(50_000, min(hi, 180_000))
                label = "1 kg" if grams == 1000 else f"{grams} g"
                size_values.append(V(label, int(grams * 1.06) + 15, (lo, hi)))
            templates.append(
                T(
                    "kopi-biji-sangrai",
                    f"Kopi {species} {origin.label} {process} {{size}}",
                    (45_000, 180_000),
                    (200, 1100),
                    tkdn,
                    f"Biji kopi {species.lower()} sangrai proses {process.lower()} {base} "
                    "Disangrai medium, dikirim maksimal tiga hari setelah sangrai.",
                    notes=origin.notes,
                    size=tuple(size_values),
                )
            )
        ground_price = ((45_000, 60_000), (50_000, 75_000)) if robusta else ((55_000, 95_000), (65_000, 110_000))
        templates.append(
            T(
                "kopi-bubuk",
                f"Kopi Bubuk {species} {origin.label} {{grind}} {{size}}",
                (45_000, 110_000),
                (220, 290),
                tkdn,
                f"Kopi bubuk {species.lower()} {base} Gilingan {{grind}}.",
                notes=origin.notes,
                grind=("Halus Tubruk", "Sedang Filter", "Kasar French Press"),
                size=(V("200 g", 230, ground_price[0]), V("250 g", 280, ground_price[1])),
            )
        )
        templates.append(
            T(
                "kopi-bubuk",
                f"Drip Bag {species} {origin.label} isi {{n}}",
                (45_000, 95_000),
                (120, 260),
                tkdn,
                f"Kopi {species.lower()} dalam kantong seduh praktis, 10 g per kantong, {base}",
                notes=origin.notes,
                n=(
                    V("10", 150, (45_000, 75_000) if robusta else (55_000, 85_000)),
                    V("15", 220, (55_000, 85_000) if robusta else (70_000, 95_000)),
                ),
            )
        )
        templates.append(
            T(
                "kopi-biji-mentah",
                f"Green Bean {species} {origin.label} {{grade}} 1 kg",
                (55_000, 80_000) if robusta else (120_000, 175_000),
                (1030, 1060),
                (95, 100),
                f"Biji kopi mentah {species.lower()} {{grade}} {base} Kadar air 11-12%, defect rendah.",
                notes=origin.notes,
                grade=("Grade 1", "Petik Merah", "Fine Robusta" if robusta else "Specialty Grade"),
            )
        )
    if "Arabika" in origin.species:
        templates.append(
            T(
                "kopi-siap-minum",
                f"Cold Brew Arabika {origin.label} {{size}}",
                (45_000, 130_000),
                (300, 1200),
                (80, 95),
                f"Cold brew diseduh 18 jam dari arabika {base} Simpan di lemari es, habiskan dalam 7 hari.",
                notes=origin.notes,
                size=(V("250 ml", 320, (45_000, 55_000)), V("1 Liter", 1150, (90_000, 130_000))),
            )
        )
    return templates
