"""Rupiah as Indonesians write it, in one place: pages, charts, emails and the demo all use these."""


def format_thousands(number: int | float) -> str:
    """`1250000` -> `1.250.000`, `2.5` -> `2,5` (Indonesian separators, whatever the page language)."""
    if number == int(number):
        return f"{int(number):,}".replace(",", ".")
    return f"{number:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")


def format_rupiah(amount: int | None) -> str:
    """`25000` -> `Rp 25.000` (Indonesian thousands separator, no decimals)."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {format_thousands(abs(int(amount)))}"
