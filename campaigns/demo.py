"""Demo steps of the campaigns app, run by `manage.py seed_demo` after those of sellers:
the campaigns running now (#BanggaBuatanIndonesia) and next (Ramadan Muslim fashion).

`marketplace.demo.collect_steps()` picks up this module's `STEPS`; the #SatuDalamKopi sales history
and its blast are the analytics app's steps, since they end with the impact report's headline.
"""

from campaigns.demo_campaigns import seed_current_campaigns
from campaigns.demo_vouchers import seed_vouchers
from marketplace.demo import Step

STEPS = [
    Step("current_campaigns", seed_current_campaigns),
    Step("vouchers", seed_vouchers),
]
