"""The tables the demo shops and products are drawn from: shops across the archipelago,
product templates per kind of IKM, and coffee origins with their processes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.utils.text import slugify

from marketplace.demo import SELLER_EMAIL
from sellers.models import Seller


@dataclass(frozen=True)
class Shop:
    name: str
    province: str
    city: str
    scale: str
    kinds: tuple[str, ...]
    owner: str
    description: str
    e_smart_ikm: bool = False
    status: str = Seller.Status.VERIFIED
    rejection_reason: str = ""
    email: str = ""  # default: <slug>@toko.demo

    @property
    def slug(self) -> str:
        return slugify(self.name)


MIKRO, KECIL, MENENGAH = Seller.Scale.MIKRO, Seller.Scale.KECIL, Seller.Scale.MENENGAH
PENDING, REJECTED = Seller.Status.PENDING, Seller.Status.REJECTED

# fmt: off
SHOPS = [
    # Aceh (11)
    Shop("Kopi Gayo Aman Linge", "11", "Kabupaten Aceh Tengah", KECIL, ("kopi:gayo", "alat-seduh-kayu"), "Aman Ridwan",
         "Kebun dan roastery keluarga di Linge; arabika Gayo dipetik merah dan disangrai setiap pekan.",
         e_smart_ikm=True, email=SELLER_EMAIL),
    Shop("Gayo Mountain Roastery", "11", "Kabupaten Bener Meriah", MIKRO, ("kopi:gayo",), "Inen Salmiah",
         "Roastery kecil di lereng Burni Telong, mengolah kopi petani Bener Meriah."),
    Shop("Koperasi Inen Gayo", "11", "Kabupaten Aceh Tengah", MENENGAH, ("kopi:gayo", "kopi-siap-minum"), "Rahmah Aman",
         "Koperasi perempuan petani kopi di sekitar Danau Laut Tawar.", e_smart_ikm=True),
    # Sumatera Utara (12)
    Shop("Kopi Mandailing Natal Jaya", "12", "Kabupaten Mandailing Natal", KECIL, ("kopi:mandailing",),
         "Parlindungan Nasution",
         "Arabika Mandailing dari Pakantan, diolah giling basah secara tradisional.", e_smart_ikm=True),
    Shop("Sidikalang Robusta Sejahtera", "12", "Kabupaten Dairi", MIKRO, ("kopi:sidikalang",), "Rosmawati Sitanggang",
         "Robusta dan arabika Sidikalang, kopi bubuk legendaris dari Dairi."),
    Shop("Lintong Nihuta Kopi", "12", "Kabupaten Humbang Hasundutan", MIKRO, ("kopi:lintong",), "Marojahan Simamora",
         "Arabika Lintong dari dataran tinggi selatan Danau Toba.", status=PENDING),
    # Sumatera Barat (13)
    Shop("Dapur Minang Saiyo", "13", "Kota Bukittinggi", KECIL, ("camilan-minang", "bumbu-minang"), "Yusnimar Datuak",
         "Rendang, keripik balado, dan bumbu Minang racikan rumah gadang.", e_smart_ikm=True),
    # Jambi (15)
    Shop("Kopi Kerinci Kayu Aro", "15", "Kabupaten Kerinci", KECIL, ("kopi:kerinci", "teh-kerinci"), "Syafrizal Depati",
         "Arabika Kerinci dari kaki Gunung Kerinci dan teh perkebunan Kayu Aro.", e_smart_ikm=True),
    Shop("Kerinci Highland Spice", "15", "Kota Sungai Penuh", MIKRO, ("rempah-kerinci", "teh-kerinci"),
         "Nurhasanah Rio",
         "Kayu manis Kerinci dan teh hijau petani Sungai Penuh."),
    # Lampung (18)
    Shop("Robusta Lampung Barat Makmur", "18", "Kabupaten Lampung Barat", KECIL, ("kopi:lampung",), "Suharto Wibisono",
         "Robusta petik merah dari Liwa dan Sumber Jaya.", e_smart_ikm=True),
    Shop("Keripik Pisang Ratu Agung", "18", "Kota Bandar Lampung", MIKRO, ("camilan-lampung",), "Lina Marlina",
         "Keripik pisang aneka rasa dari sentra Jalan Pagar Alam."),
    # Jawa Barat (32)
    Shop("Anggun Syari Bandung", "32", "Kota Bandung", MENENGAH, ("gamis", "hijab", "mukena"), "Hj. Neneng Kurniasih",
         "Konveksi gamis dan hijab syar'i dari Bandung, dijahit penjahit rumahan binaan kami.", e_smart_ikm=True),
    Shop("Bordir Tasik Kawalu", "32", "Kota Tasikmalaya", KECIL, ("mukena", "baju-koko", "hijab"), "Ujang Saepudin",
         "Mukena dan baju koko bordir tangan khas Kawalu, Tasikmalaya.", e_smart_ikm=True),
    Shop("Koko Sukaraja Tasikmalaya", "32", "Kabupaten Tasikmalaya", MIKRO, ("baju-koko", "masker-kain"),
         "Asep Mulyana",
         "Baju koko bordir komputer dan masker kain dari Sukaraja."),
    Shop("Hijab Cigondewah Lestari", "32", "Kota Bandung", MIKRO, ("hijab", "masker-kain"), "Rini Susanti",
         "Hijab dan masker kain dari kain pilihan pasar Cigondewah."),
    Shop("Kopi Java Preanger Malabar", "32", "Kabupaten Bandung", KECIL, ("kopi:preanger", "alat-seduh-keramik"),
         "Dadang Hermawan",
         "Arabika Java Preanger dari Gunung Malabar, Pangalengan.", e_smart_ikm=True),
    Shop("Anyaman Mendong Rajapolah", "32", "Kabupaten Tasikmalaya", MIKRO, ("anyaman-mendong",), "Euis Komariah",
         "Tas, tikar, dan keranjang anyaman mendong dari sentra Rajapolah."),
    Shop("Keramik Plered Purwakarta", "32", "Kabupaten Purwakarta", MIKRO, ("gerabah", "cangkir",
                                                                            "alat-seduh-keramik"), "Cecep Supriatna",
         "Gerabah dan keramik dari sentra Plered sejak 1904."),
    Shop("Rumah Gamis Tasikmalaya", "32", "Kota Tasikmalaya", KECIL, ("gamis", "mukena"), "Hj. Imas Masitoh",
         "Gamis dan mukena bordir dari rumah produksi di Cipedes, Tasikmalaya.", e_smart_ikm=True),
    Shop("Zahra Busana Muslim", "32", "Kota Bandung", MIKRO, ("gamis", "hijab"), "Zahra Nurfadilah",
         "Gamis harian dan hijab instan, dijahit di Cibaduyut oleh ibu-ibu sekitar."),
    # Jawa Tengah (33)
    Shop("Ukir Jepara Mulya", "33", "Kabupaten Jepara", MENENGAH, ("ukiran-jepara", "alat-seduh-kayu"),
         "H. Subekti Wibowo",
         "Ukiran jati Jepara: kaligrafi, relief, dan perabot kecil.", e_smart_ikm=True),
    Shop("Mebel Ukir Mulyoharjo", "33", "Kabupaten Jepara", KECIL, ("ukiran-jepara",), "Sutrisno Hadi",
         "Patung dan ukiran kayu dari Desa Mulyoharjo, Jepara."),
    Shop("Jamu Nguter Sehat Lestari", "33", "Kabupaten Sukoharjo", KECIL, ("jamu",), "Sri Wahyuni",
         "Jamu tradisional dari sentra jamu Nguter, diracik dari rimpang segar.", e_smart_ikm=True),
    Shop("Batik Pekalongan Larasati", "33", "Kota Pekalongan", KECIL, ("batik-pekalongan", "masker-kain"),
         "Larasati Widodo",
         "Batik tulis dan cap pesisiran Pekalongan dengan warna cerah."),
    Shop("Robusta Temanggung Sindoro", "33", "Kabupaten Temanggung", MIKRO, ("kopi:temanggung",), "Slamet Riyadi",
         "Robusta dan arabika dari lereng Sindoro-Sumbing."),
    Shop("Gula Kelapa Banyumas Manis", "33", "Kabupaten Banyumas", MIKRO, ("gula-kelapa",), "Darsini",
         "Gula kelapa dan gula semut dari penderes Cilongok.", status=PENDING),
    # DI Yogyakarta (34)
    Shop("Batik Tulis Giriloyo", "34", "Kabupaten Bantul", KECIL, ("batik-yogya",), "Nur Ahmadi",
         "Batik tulis klasik dari kampung batik Giriloyo, Wukirsari.", e_smart_ikm=True),
    Shop("Gerabah Kasongan Asri", "34", "Kabupaten Bantul", MIKRO, ("gerabah", "cangkir"), "Sumarno",
         "Gerabah dan terakota dari Kasongan."),
    Shop("Gula Semut Kulon Progo", "34", "Kabupaten Kulon Progo", MIKRO, ("gula-aren",), "Tukiyem",
         "Gula semut aren organik dari perbukitan Menoreh.", e_smart_ikm=True),
    Shop("Kriya Kayu Jogja", "34", "Kabupaten Sleman", MIKRO, ("alat-seduh-kayu", "ukiran-jogja"), "Bayu Aji Nugroho",
         "Alat seduh kopi dan kriya kayu buatan tangan di Sleman."),
    Shop("Wedang Uwuh Imogiri", "34", "Kabupaten Bantul", MIKRO, ("jamu", "rempah-jogja"), "Ngatinah",
         "Wedang uwuh dan minuman rempah dari Imogiri."),
    # Jawa Timur (35)
    Shop("Jamu Madura Sari Bangkalan", "35", "Kabupaten Bangkalan", MIKRO, ("jamu",), "Hj. Maimunah",
         "Jamu dan ramuan tradisional Madura."),
    Shop("Kopi Ijen Raung Bondowoso", "35", "Kabupaten Bondowoso", KECIL, ("kopi:ijen",), "Mohammad Rofiq",
         "Arabika Java Ijen-Raung dari dataran tinggi Sukosari.", e_smart_ikm=True),
    Shop("Keripik Tempe Sanan Malang", "35", "Kota Malang", MIKRO, ("camilan-malang",), "Siti Khotijah",
         "Keripik tempe tipis dari kampung tempe Sanan."),
    Shop("Higiena Sidoarjo", "35", "Kabupaten Sidoarjo", KECIL, ("hand-sanitizer", "masker-kain"), "Eko Prasetyo",
         "Hand sanitizer dan masker kain produksi IKM Sidoarjo, terdaftar izin edar.", e_smart_ikm=True),
    Shop("Kopi Dampit Malang Selatan", "35", "Kabupaten Malang", MIKRO, ("kopi:dampit",), "Wagiman",
         "Robusta Dampit dari Malang selatan.", status=REJECTED,
         rejection_reason="NIB tidak sesuai dengan data OSS; unggah ulang NIB atas nama usaha yang sama."),
    # Banten (36)
    Shop("Gula Aren Lebak Baduy", "36", "Kabupaten Lebak", MIKRO, ("gula-aren",), "Jaro Sanip",
         "Gula aren cetak batok dari hutan Lebak."),
    # Bali (51)
    Shop("Kopi Kintamani Batur", "51", "Kabupaten Bangli", KECIL, ("kopi:kintamani",), "I Wayan Sukadana",
         "Arabika Kintamani dari subak abian di lereng Gunung Batur.", e_smart_ikm=True),
    Shop("Ata Tenganan Karangasem", "51", "Kabupaten Karangasem", MIKRO, ("anyaman-ata",), "Ni Made Suartini",
         "Anyaman ata dari Desa Tenganan Pegringsingan."),
    # Nusa Tenggara Barat (52)
    Shop("Madu Hutan Sumbawa", "52", "Kabupaten Sumbawa", MIKRO, ("madu",), "Lalu Muhammad Zaini",
         "Madu hutan liar dari Batu Lanteh dipanen lestari.", e_smart_ikm=True),
    # Nusa Tenggara Timur (53)
    Shop("Kopi Flores Bajawa Ngada", "53", "Kabupaten Ngada", KECIL, ("kopi:bajawa",), "Maria Goreti Bupu",
         "Arabika Flores Bajawa dari kebun di kaki Gunung Inerie.", e_smart_ikm=True),
    Shop("Tenun Ikat Sikka", "53", "Kabupaten Sikka", MIKRO, ("tenun-sikka",), "Yuliana Moa",
         "Tenun ikat pewarna alam dari Maumere."),
    Shop("Kopi Manggarai Colol", "53", "Kabupaten Manggarai Timur", MIKRO, ("kopi:manggarai",), "Kornelis Jehadu",
         "Arabika dan robusta Colol dari Manggarai Timur.", status=PENDING),
    # Sulawesi Utara (71)
    Shop("Gula Aren Masarang Tomohon", "71", "Kota Tomohon", MIKRO, ("gula-aren",), "Jeane Rumengan",
         "Gula aren dari pohon enau di kaki Gunung Masarang."),
    # Sulawesi Selatan (73)
    Shop("Kopi Toraja Sapan Minanga", "73", "Kabupaten Tana Toraja", KECIL, ("kopi:toraja", "cangkir"),
         "Yohanis Pasanda",
         "Arabika Toraja dari Sapan dan Minanga, 1.500 mdpl.", e_smart_ikm=True),
    Shop("Kopi Kalosi Enrekang", "73", "Kabupaten Enrekang", MIKRO, ("kopi:kalosi",), "Hasnah Daeng Baji",
         "Arabika Kalosi dari pegunungan Latimojong."),
    # Maluku (81)
    Shop("Rempah Banda Naira", "81", "Kabupaten Maluku Tengah", MIKRO, ("rempah-banda",), "Abdul Rahman Baadilla",
         "Pala, fuli, dan cengkeh dari kebun perkenier Banda."),
    # Papua Pegunungan (95)
    Shop("Kopi Wamena Baliem", "95", "Kabupaten Jayawijaya", MIKRO, ("kopi:wamena",), "Yance Wenda",
         "Arabika Wamena organik dari Lembah Baliem."),
]
# fmt: on


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


@cache
def templates_of(kind: str) -> list[Template]:
    if kind.startswith("kopi:"):
        return coffee_templates(COFFEE[kind.split(":", 1)[1]])
    return KINDS[kind]
