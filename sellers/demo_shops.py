"""The demo shops: IKM across the archipelago, by province, each with the kinds of product it
makes (`sellers/demo_templates.py`, or a coffee origin in `sellers/demo_coffee.py` as `kopi:<origin>`)."""

from __future__ import annotations

from dataclasses import dataclass

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
