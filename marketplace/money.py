def format_rupiah(amount: int | None) -> str:
    """`25000` -> `Rp 25.000` (Indonesian thousands separator, no decimals)."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(int(amount)):,}".replace(",", ".")
