"""Demo steps of the campaigns app, run by `manage.py seed_demo` after those of sellers.

`sellers.demo.collect_steps()` picks up this module's `STEPS` (imports point down the stack, so the
shops' module cannot import these): the #SatuDalamKopi sales history, recent orders in every status, its blast, and the
campaigns running now (#BanggaBuatanIndonesia) and next (Ramadan Muslim fashion).
"""

from campaigns.demo_campaigns import seed_current_campaigns
from campaigns.demo_sales import seed_recent_orders, seed_satu_dalam_kopi
from mailings.demo import seed_satu_dalam_kopi_blast
from sellers.demo import Step

STEPS = [
    Step("satu_dalam_kopi", seed_satu_dalam_kopi),
    Step("recent_orders", seed_recent_orders),
    Step("blast", seed_satu_dalam_kopi_blast),
    Step("current_campaigns", seed_current_campaigns),
]
