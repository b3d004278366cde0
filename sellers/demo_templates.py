"""The demo product templates: a template's shape (`Template`, its slot values `V`, and `T`, the
short way to write one) and the templates per kind of IKM a shop makes. Coffee kinds are made from
their origin in `sellers/demo_coffee.py`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class V:
    """A slot value that also sets the product's weight (grams) and/or price range."""

    label: str
    weight: int | None = None
    price: tuple[int, int] | None = None

    def __str__(self):
        return self.label


@dataclass(frozen=True)
class Template:
    category: str
    pattern: str
    slots: dict
    price: tuple[int, int]
    weight: tuple[int, int]
    tkdn: tuple[int, int]
    description: str
    stock: tuple[int, int] = (5, 120)


def T(category, pattern, price, weight, tkdn, description, stock=(5, 120), **slots):
    """A template; a one-letter name so that the tables below read as rows."""
    return Template(category, pattern, slots, price, weight, tkdn, description, stock)


COLOURS = ("Hitam", "Navy", "Mocca", "Sage Green", "Dusty Pink", "Maroon", "Abu Muda", "Army", "Lilac", "Coklat Susu")

# fmt: off
KINDS: dict[str, list[Template]] = {
    "gamis": [
        T("gamis", "Gamis {fabric} {style} {colour}", (150_000, 450_000), (380, 700), (40, 85),
          "Gamis {fabric} model {style}, jahitan rapi dan nyaman dipakai seharian. Ukuran S-XXL.",
          fabric=("Ceruti Baby Doll", "Wolfis", "Katun Rayon", "Jersey Premium", "Crinkle Airflow", "Toyobo",
                  "Linen Rami"),
          style=("Syar'i", "Busui Friendly", "Polos Basic", "Motif Bunga", "Plisket", "Set Khimar"), colour=COLOURS),
    ],
    "hijab": [
        T("hijab", "Hijab Segi Empat {fabric} {colour}", (35_000, 95_000), (90, 160), (40, 80),
          "Hijab segi empat {fabric} 115 x 115 cm, mudah dibentuk dan tidak menerawang.",
          fabric=("Voal Motif", "Bella Square", "Paris Premium", "Katun Jepang"), colour=COLOURS),
        T("hijab", "Pashmina {fabric} {colour}", (45_000, 120_000), (100, 180), (40, 80),
          "Pashmina {fabric} 75 x 175 cm, jatuh dan adem.",
          fabric=("Ceruti", "Inner Kaos", "Plisket", "Silk Premium"), colour=COLOURS),
        T("hijab", "Bergo Instan {fabric} {colour}", (40_000, 110_000), (120, 220), (40, 80),
          "Hijab instan {fabric} dengan pet antem, praktis untuk sehari-hari.",
          fabric=("Jersey", "Diamond Italiano", "Wolfis"), colour=COLOURS),
    ],
    "mukena": [
        T("mukena", "Mukena {style} {fabric} {colour}", (175_000, 550_000), (450, 900), (45, 90),
          "Mukena {style} berbahan {fabric}, lengkap dengan tas. Ukuran all size.",
          style=("Bordir Tangan", "Bordir Kawalu", "Renda Prancis", "Travel", "Terusan Polos"),
          fabric=("Katun Rayon", "Silk Velvet", "Parasut", "Katun Jepang"), colour=("Putih", "Putih Gading",
                                                                                    *COLOURS[:5])),
    ],
    "baju-koko": [
        T("baju-koko", "Baju Koko {style} {fabric} Lengan {sleeve} {colour}", (120_000, 350_000), (250, 420), (45, 85),
          "Baju koko {style} bahan {fabric}, kancing tersembunyi, ukuran M-XXXL.",
          style=("Bordir Tasik", "Kurta", "Polos", "Bordir Kerah Shanghai"), fabric=("Toyobo", "Katun Madina", "Linen"),
          sleeve=("Panjang", "Pendek"), colour=("Putih", "Hitam", "Navy", "Abu", "Sage Green", "Coklat")),
    ],
    "masker-kain": [
        T("masker-kain", "Masker Kain {fabric} 3 Lapis isi {n}", (25_000, 75_000), (60, 160), (45, 85),
          "Masker kain {fabric} tiga lapis dengan kantong filter, bisa dicuci ulang.",
          fabric=("Katun Combed", "Batik Cap", "Scuba Earloop", "Katun Headloop"), n=("3", "5", "10")),
    ],
    "hand-sanitizer": [
        T("hand-sanitizer", "Hand Sanitizer Gel {scent} {size}", (15_000, 85_000), (100, 1100), (20, 45),
          "Hand sanitizer gel alkohol 70% dengan lidah buaya, aroma {scent}.",
          scent=("Jeruk Nipis", "Sereh", "Melati", "Tanpa Aroma", "Kayu Putih"),
          size=(V("60 ml", 90, (15_000, 20_000)), V("100 ml", 130, (18_000, 28_000)), V("500 ml", 560, (45_000,
                                                                                                        60_000)),
                V("1 liter", 1100, (70_000, 85_000)))),
        T("hand-sanitizer", "Hand Sanitizer Spray {scent} {size}", (15_000, 65_000), (90, 560), (20, 45),
          "Hand sanitizer cair semprot alkohol 75%, cepat kering, aroma {scent}.",
          scent=("Jeruk Nipis", "Sereh", "Kayu Putih"),
          size=(V("50 ml", 80, (15_000, 22_000)), V("100 ml", 130, (20_000, 30_000)), V("500 ml", 560, (50_000,
                                                                                                        65_000)))),
    ],
    "jamu": [
        T("jamu-herbal", "Jamu {jamu} {form}", (20_000, 95_000), (150, 600), (70, 100),
          "Jamu {jamu} racikan tradisional tanpa bahan kimia obat, terdaftar P-IRT.",
          jamu=("Kunyit Asam", "Beras Kencur", "Temulawak", "Sinom", "Jahe Merah", "Kunyit Putih", "Pegal Linu",
                "Sirih Kunci", "Galian Singset"),
          form=(V("Serbuk Instan 250 g", 280, (25_000, 45_000)), V("Serbuk Instan 500 g", 540, (45_000, 75_000)),
                V("Botol 500 ml", 600, (20_000, 35_000)), V("Kapsul isi 60", 150, (45_000, 95_000)))),
    ],
    "rempah-jogja": [
        T("jamu-herbal", "Wedang Uwuh {form}", (15_000, 65_000), (100, 450), (85, 100),
          "Wedang uwuh khas Imogiri: secang, jahe, cengkeh, kayu manis, dan daun pala.",
          form=(V("Isi 10 Sachet", 180, (15_000, 25_000)), V("Toples 250 g", 300, (35_000, 50_000)),
                V("Jahe Merah Isi 20 Sachet", 350, (40_000, 65_000)))),
        T("bumbu-rempah", "{spice} {size}", (15_000, 60_000), (110, 560), (85, 100),
          "{spice} kering pilihan untuk wedang dan masakan.",
          spice=("Secang Serut", "Kayu Manis Batang", "Cengkeh Kering", "Jahe Emprit Kering"),
          size=(V("100 g", 120, (15_000, 30_000)), V("250 g", 280, (30_000, 60_000)))),
    ],
    "gula-aren": [
        T("gula-aren", "Gula Semut Aren {quality} {size}", (20_000, 85_000), (260, 1050), (90, 100),
          "Gula semut dari nira aren, dimasak dengan tungku kayu; cocok untuk kopi susu dan kue.",
          quality=("Organik", "Premium", "Rasa Jahe", "Kristal Halus"),
          size=(V("250 g", 270, (20_000, 30_000)), V("500 g", 530, (35_000, 50_000)), V("1 kg", 1050, (60_000,
                                                                                                       85_000)))),
        T("gula-aren", "Gula Aren Cetak {shape} {size}", (18_000, 75_000), (520, 1050), (90, 100),
          "Gula aren cetak {shape} asli tanpa campuran gula pasir.",
          shape=("Batok", "Bambu", "Koin"), size=(V("500 g", 530, (18_000, 35_000)), V("1 kg", 1050, (40_000,
                                                                                                      75_000)))),
        T("gula-aren", "Gula Aren Cair {size}", (25_000, 65_000), (300, 1150), (90, 100),
          "Sirup gula aren kental untuk kopi susu kekinian, tanpa pengawet.",
          size=(V("250 ml", 320, (25_000, 35_000)), V("1 liter", 1150, (50_000, 65_000)))),
    ],
    "gula-kelapa": [
        T("gula-aren", "Gula Kelapa Cetak {size}", (15_000, 45_000), (520, 1050), (90, 100),
          "Gula kelapa dari nira penderes Banyumas, dicetak batok.",
          size=(V("500 g", 530, (15_000, 25_000)), V("1 kg", 1050, (28_000, 45_000)))),
        T("gula-aren", "Gula Semut Kelapa {quality} {size}", (20_000, 60_000), (270, 1050), (90, 100),
          "Gula semut kelapa {quality} berbutir halus.",
          quality=("Organik", "Original", "Rasa Kayu Manis"),
          size=(V("250 g", 270, (20_000, 30_000)), V("500 g", 530, (32_000, 45_000)), V("1 kg", 1050, (50_000,
                                                                                                       60_000)))),
    ],
    "camilan-minang": [
        T("camilan", "{snack} {size}", (20_000, 95_000), (120, 560), (80, 100),
          "{snack} khas Minang, dibuat setiap hari tanpa pengawet.",
          snack=("Keripik Balado", "Rendang Telur", "Keripik Sanjai Balado", "Rendang Daging Kering", "Karak Kaliang"),
          size=(V("250 g", 280, (25_000, 65_000)), V("500 g", 540, (45_000, 95_000)))),
    ],
    "bumbu-minang": [
        T("bumbu-rempah", "Bumbu {dish} Instan {size}", (18_000, 55_000), (120, 300), (80, 100),
          "Bumbu {dish} lengkap siap masak, resep turun-temurun.",
          dish=("Rendang", "Gulai", "Sate Padang", "Dendeng Balado"),
          size=(V("100 g", 120, (18_000, 30_000)), V("250 g", 280, (35_000, 55_000)))),
    ],
    "camilan-lampung": [
        T("camilan", "Keripik Pisang {flavour} {size}", (18_000, 70_000), (260, 1050), (85, 100),
          "Keripik pisang kepok Lampung rasa {flavour}, renyah dan tebal.",
          flavour=("Coklat", "Keju", "Manis", "Asin", "Balado", "Green Tea", "Susu"),
          size=(V("250 g", 270, (18_000, 30_000)), V("500 g", 530, (32_000, 45_000)), V("1 kg", 1050, (55_000,
                                                                                                       70_000)))),
        T("bumbu-rempah", "Lada Hitam Lampung {form} {size}", (25_000, 90_000), (110, 520), (90, 100),
          "Lada hitam Lampung, pedas dan harum, {form}.",
          form=("Butiran", "Bubuk"), size=(V("100 g", 120, (25_000, 40_000)), V("500 g", 520, (70_000, 90_000)))),
    ],
    "camilan-malang": [
        T("camilan", "Keripik Tempe Sanan {flavour} {size}", (15_000, 55_000), (110, 540), (85, 100),
          "Keripik tempe tipis rasa {flavour} dari kampung tempe Sanan, Malang.",
          flavour=("Original", "Pedas", "Barbeque", "Jagung Bakar", "Rumput Laut"),
          size=(V("100 g", 120, (15_000, 22_000)), V("250 g", 270, (25_000, 35_000)), V("500 g", 540, (40_000,
                                                                                                       55_000)))),
        T("camilan", "Keripik {fruit} Malang {size}", (20_000, 65_000), (110, 280), (80, 100),
          "Keripik buah vakum dari {fruit} kebun Batu dan Malang.",
          fruit=("Apel", "Nangka", "Salak", "Buah Campur"), size=(V("100 g", 120, (20_000, 32_000)), V("250 g", 270,
                                                                                                       (40_000,
                                                                                                        65_000)))),
    ],
    "teh-kerinci": [
        T("teh", "Teh {tea} Kayu Aro {grade} {size}", (25_000, 120_000), (110, 280), (85, 100),
          "Teh {tea} dari perkebunan di kaki Gunung Kerinci, mutu {grade}.",
          tea=("Hitam", "Hijau", "Putih", "Oolong"), grade=("BOP", "Pekoe", "Orthodox"),
          size=(V("100 g", 120, (25_000, 65_000)), V("250 g", 270, (55_000, 120_000)))),
    ],
    "rempah-kerinci": [
        T("bumbu-rempah", "Kayu Manis Kerinci {form} {size}", (20_000, 85_000), (110, 540), (90, 100),
          "Cassiavera Kerinci, kayu manis dengan kadar minyak atsiri tinggi, {form}.",
          form=("Batang Gulung", "Bubuk", "Stik Premium"),
          size=(V("100 g", 120, (20_000, 35_000)), V("250 g", 270, (35_000, 55_000)), V("500 g", 540, (60_000,
                                                                                                       85_000)))),
    ],
    "rempah-banda": [
        T("bumbu-rempah", "{spice} Banda {size}", (25_000, 150_000), (110, 540), (90, 100),
          "{spice} dari kebun pala tua di Kepulauan Banda, dijemur alami.",
          spice=("Pala Utuh", "Pala Bubuk", "Fuli Pala", "Cengkeh", "Kenari Kupas"),
          size=(V("100 g", 120, (25_000, 70_000)), V("250 g", 270, (55_000, 150_000)))),
        T("camilan", "Manisan Pala Banda {size}", (20_000, 55_000), (260, 540), (85, 100),
          "Manisan daging buah pala, asam manis segar.",
          size=(V("250 g", 270, (20_000, 32_000)), V("500 g", 540, (38_000, 55_000)))),
    ],
    "madu": [
        T("madu", "Madu {honey} {size}", (75_000, 250_000), (300, 1300), (90, 100),
          "Madu {honey} murni tanpa campuran, dipanen lestari dan disaring dingin.",
          honey=("Hutan Sumbawa", "Hutan Liar Batu Lanteh", "Kelulut Trigona", "Multiflora Sumbawa"),
          size=(V("250 ml", 380, (75_000, 120_000)), V("500 ml", 700, (120_000, 180_000)), V("1 liter", 1300, (190_000,
                                                                                                               250_000)))),
    ],
    "ukiran-jepara": [
        T("ukiran-kayu", "Kaligrafi Ukir Jati {text} {size}", (350_000, 2_500_000), (2000, 9000), (85, 100),
          "Kaligrafi {text} ukiran tangan pengrajin Jepara dari kayu jati perhutani, finishing melamin.",
          text=("Ayat Kursi", "Asmaul Husna", "Bismillah", "Allah Muhammad"),
          size=(V("60 x 40 cm", 2500, (350_000, 750_000)), V("100 x 50 cm", 5000, (800_000, 1_500_000)),
                V("120 x 60 cm", 8500, (1_400_000, 2_500_000)))),
        T("ukiran-kayu", "{item} Ukir Jati Motif {motif}", (85_000, 650_000), (500, 3500), (85, 100),
          "{item} dari kayu jati Jepara dengan ukiran motif {motif}.",
          item=("Kotak Perhiasan", "Nampan", "Tempat Tisu", "Cermin Hias", "Relief Dinding", "Tempat Al-Qur'an"),
          motif=("Daun Jepara", "Bunga Mawar", "Majapahit", "Burung Merak")),
        T("ukiran-kayu", "Patung {figure} Kayu {wood} {size}", (250_000, 1_800_000), (1500, 6000), (85, 100),
          "Patung {figure} pahatan tangan dari kayu {wood}.",
          figure=("Loro Blonyo", "Kuda", "Gajah", "Burung Garuda"), wood=("Jati", "Mahoni"),
          size=(V("30 cm", 1500, (250_000, 500_000)), V("50 cm", 3500, (550_000, 1_100_000)), V("80 cm", 6000,
                                                                                                (1_100_000,
                                                                                                 1_800_000)))),
    ],
    "ukiran-jogja": [
        T("ukiran-kayu", "{item} Kayu {wood} Ukir Jogja", (65_000, 450_000), (300, 2500), (85, 100),
          "{item} kayu {wood} buatan tangan pengrajin Sleman.",
          item=("Wayang Klitik", "Topeng Panji", "Nampan Saji", "Hiasan Dinding Gunungan"), wood=("Sengon", "Mahoni",
                                                                                                  "Jati")),
    ],
    "alat-seduh-kayu": [
        T("alat-seduh", "{tool} Kayu {wood}", (45_000, 450_000), (150, 1800), (60, 95),
          "{tool} dari kayu {wood} yang dikeringkan oven, dilapis food grade.",
          tool=(V("Stand Dripper", 600, (95_000, 185_000)), V("Grinder Kopi Manual", 900, (250_000, 450_000)),
                V("Kotak Penyimpan Kopi", 700, (85_000, 160_000)), V("Sendok Takar Kopi", 150, (45_000, 65_000)),
                V("Tamper Espresso Gagang", 350, (120_000, 220_000)), V("Nampan Cupping", 1200, (150_000, 250_000))),
          wood=("Jati", "Sonokeling", "Mahoni")),
    ],
    "alat-seduh-keramik": [
        T("alat-seduh", "{tool} Keramik {colour}", (65_000, 250_000), (300, 1500), (60, 95),
          "{tool} keramik buatan tangan, glasir aman untuk makanan.",
          tool=(V("Dripper V60", 450, (85_000, 165_000)), V("Dripper Kalita", 450, (85_000, 165_000)),
                V("Teko Tubruk", 1200, (120_000, 250_000)), V("Server Kopi 500 ml", 700, (95_000, 185_000))),
          colour=("Putih Doff", "Hitam Matte", "Biru Plered", "Terakota", "Hijau Lumut")),
    ],
    "cangkir": [
        T("cangkir-gelas", "{item} {material} {colour}", (35_000, 250_000), (250, 2000), (70, 100),
          "{item} {material} buatan tangan, setiap buah sedikit berbeda.",
          item=(V("Cangkir Kopi 150 ml", 300, (35_000, 65_000)), V("Mug 300 ml", 450, (45_000, 85_000)),
                V("Set Cangkir Tubruk isi 6", 2000, (150_000, 250_000)), V("Cangkir Espresso 80 ml", 250, (35_000,
                                                                                                           55_000))),
          material=("Keramik", "Gerabah", "Terakota Glasir"), colour=("Putih", "Hitam", "Coklat Tanah", "Biru Laut",
                                                                      "Krem")),
    ],
    "gerabah": [
        T("gerabah", "{item} Gerabah {motif}", (25_000, 350_000), (500, 5000), (85, 100),
          "{item} tanah liat dibakar tradisional, motif {motif}.",
          item=(V("Vas Bunga 30 cm", 1500, (65_000, 150_000)), V("Pot Tanaman Diameter 25 cm", 2500, (45_000, 95_000)),
                V("Cobek Ulekan", 2000, (25_000, 55_000)), V("Guci Hias 60 cm", 5000, (175_000, 350_000)),
                V("Kendi Air", 1200, (35_000, 75_000)), V("Tungku Anglo", 4000, (65_000, 120_000))),
          motif=("Polos", "Ukir Daun", "Anyaman", "Bunga Kawung", "Finishing Cat Bakar")),
    ],
    "anyaman-mendong": [
        T("anyaman", "{item} Anyaman Mendong {style}", (45_000, 450_000), (200, 3000), (85, 100),
          "{item} dari rumput mendong yang dianyam perajin Rajapolah, model {style}.",
          item=(V("Tas Jinjing", 400, (65_000, 175_000)), V("Tikar 2 x 1 m", 2500, (150_000, 450_000)),
                V("Keranjang Serbaguna", 600, (45_000, 120_000)), V("Sandal Hotel", 200, (45_000, 75_000)),
                V("Box Penyimpanan", 900, (85_000, 185_000))),
          style=("Natural", "Kombinasi Batik", "Warna Pastel", "Motif Garis")),
    ],
    "anyaman-ata": [
        T("anyaman", "{item} Anyaman Ata {style}", (85_000, 650_000), (200, 1500), (90, 100),
          "{item} dari tanaman ata yang dianyam rapat dan diasap, tahan puluhan tahun.",
          item=(V("Tas Bulat", 400, (150_000, 450_000)), V("Tas Selempang", 350, (120_000, 350_000)),
                V("Keranjang Tutup", 900, (185_000, 650_000)), V("Tatakan Gelas isi 6", 250, (85_000, 150_000))),
          style=("Natural", "Kulit Sintetis", "Kayu Sonokeling", "Motif Kotak")),
    ],
    "batik-pekalongan": [
        T("batik-tenun", "Kain Batik {technique} Pekalongan Motif {motif} 2 m", (150_000, 1_200_000), (250, 450), (85,
                                                                                                                   100),
          "Kain batik {technique} motif {motif} khas pesisir Pekalongan, katun primisima, 2 x 1,15 m.",
          technique=(V("Tulis", price=(450_000, 1_200_000)), V("Cap", price=(150_000, 350_000)),
                     V("Kombinasi Tulis Cap", price=(250_000, 550_000))),
          motif=("Jlamprang", "Buketan", "Semarangan", "Liong", "Tujuh Rupa")),
        T("batik-tenun", "Kemeja Batik Pekalongan {motif} Lengan {sleeve}", (150_000, 450_000), (250, 400), (75, 95),
          "Kemeja batik motif {motif}, dijahit rapi dengan furing.",
          motif=("Jlamprang", "Buketan", "Tujuh Rupa"), sleeve=("Panjang", "Pendek")),
    ],
    "batik-yogya": [
        T("batik-tenun", "Kain Batik Tulis Giriloyo Motif {motif} {colour}", (350_000, 1_500_000), (250, 450), (90,
                                                                                                                100),
          "Batik tulis klasik motif {motif} dengan pewarna {colour}, dikerjakan 1-3 bulan oleh pembatik Giriloyo.",
          motif=("Sido Mukti", "Parang Rusak", "Truntum", "Kawung", "Sekar Jagad", "Wahyu Tumurun"),
          colour=("Sogan Alam", "Indigo Alam", "Sintetis Klasik")),
        T("batik-tenun", "Selendang Batik Tulis {motif}", (150_000, 350_000), (120, 250), (90, 100),
          "Selendang batik tulis motif {motif}, sutra atau katun.",
          motif=("Truntum", "Kawung", "Parang")),
    ],
    "tenun-sikka": [
        T("batik-tenun", "Kain Tenun Ikat Sikka Motif {motif} {form}", (250_000, 2_500_000), (300, 1200), (95, 100),
          "Tenun ikat {form} motif {motif} dengan pewarna alam (mengkudu, tarum), ditenun dengan gedogan.",
          motif=("Mawarani", "Okukirei", "Wenda", "Jentiu", "Utan Gete"),
          form=(V("Selendang", 300, (250_000, 550_000)), V("Sarung", 900, (850_000, 2_500_000)),
                V("Syal", 200, (250_000, 450_000)))),
    ],
    "kopi-siap-minum": [
        T("kopi-siap-minum", "Kopi Susu Gula Aren {pack}", (45_000, 110_000), (1100, 2200), (70, 95),
          "Kopi susu gula aren siap minum dari espresso arabika lokal, simpan di lemari es.",
          pack=(V("1 Liter", 1150, (75_000, 110_000)), V("4 x 250 ml", 1100, (65_000, 95_000)),
                V("6 x 200 ml", 1300, (80_000, 110_000)))),
    ],
}
# fmt: on
