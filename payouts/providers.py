"""The payout provider port: how money leaves for the shops' banks (see docs/architecture.md).

`settings.PAYOUTS_PROVIDER` names the adapter. The default, `BankFileProvider`, sends nothing: staff
download the batch as a bank file (CSV in the bulk-transfer layout Indonesian internet banking
takes), upload it to the bank, then mark the batch paid or single payouts failed. `XenditProvider`
(payouts/xendit.py) disburses through Xendit's API.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class ProviderAnswer:
    """What a provider says about one payout: `sent` (on its way), `paid` or `failed`."""

    status: str
    reference: str = ""
    reason: str = ""


class PayoutProvider(Protocol):
    name: str

    def send(self, payout) -> ProviderAnswer:
        """Ask for the transfer; repeating it for the same payout must never pay twice."""
        ...

    def check(self, payout) -> ProviderAnswer | None:
        """The provider's current word on a sent payout; None when it cannot tell (staff confirm)."""
        ...


class BankFileProvider:
    name = "bank_file"

    def send(self, payout) -> ProviderAnswer:
        return ProviderAnswer("sent", reference=payout.reference)

    def check(self, payout) -> ProviderAnswer | None:
        return None


# Providers whose outcome only staff learn (from the bank's statement); any other answers for itself,
# and staff may then neither confirm its transfers nor fail one it already has.
STAFF_DECIDE = {BankFileProvider.name}


@lru_cache
def payout_provider() -> PayoutProvider:
    return import_string(settings.PAYOUTS_PROVIDER)()


BANK_FILE_HEADER = ["No", "Bank", "Nomor Rekening", "Nama Penerima", "Jumlah", "Keterangan", "Referensi"]


def bank_file(payouts) -> str:
    """One row per payout: bank code, account number, holder, whole-Rupiah amount, remark, reference."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(BANK_FILE_HEADER)
    for number, payout in enumerate(payouts, start=1):
        writer.writerow(
            [
                number,
                payout.bank,
                payout.account_number,
                payout.holder_name,
                payout.amount,
                f"Pasar IKM {payout.batch.number}"[:35],
                payout.reference,
            ]
        )
    return out.getvalue()
