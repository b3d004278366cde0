"""Indonesia's 38 provinces with their Kemendagri codes, and the shipping zone each belongs to."""

PROVINCES: dict[str, str] = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "DI Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}

PROVINCE_CHOICES = list(PROVINCES.items())


class Zone:
    """Shipping zones: couriers price by how far a parcel travels across the archipelago."""

    JAVA = "jawa"
    SUMATRA = "sumatera"
    BALI_NUSA = "bali_nusa_tenggara"
    KALIMANTAN = "kalimantan"
    SULAWESI = "sulawesi"
    MALUKU_PAPUA = "maluku_papua"

    CHOICES = [
        (JAVA, "Jawa"),
        (SUMATRA, "Sumatera"),
        (BALI_NUSA, "Bali & Nusa Tenggara"),
        (KALIMANTAN, "Kalimantan"),
        (SULAWESI, "Sulawesi"),
        (MALUKU_PAPUA, "Maluku & Papua"),
    ]


def zone_of(province_code: str) -> str:
    first = province_code[:1]
    return {
        "1": Zone.SUMATRA,
        "2": Zone.SUMATRA,
        "3": Zone.JAVA,
        "5": Zone.BALI_NUSA,
        "6": Zone.KALIMANTAN,
        "7": Zone.SULAWESI,
        "8": Zone.MALUKU_PAPUA,
        "9": Zone.MALUKU_PAPUA,
    }[first]


def province_name(code: str) -> str:
    return PROVINCES.get(code, code)
