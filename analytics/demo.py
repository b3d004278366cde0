"""Demo steps of the analytics app, run last by `manage.py seed_demo`: the #SatuDalamKopi sales
history of April 2020 (with the impact report's headline figures), recent orders in every status,
and the campaign's promotional email, already sent, so its messages can be read in var/mail.
"""

from analytics.demo_sales import seed_recent_orders, seed_satu_dalam_kopi
from mailings.demo import seed_satu_dalam_kopi_blast
from marketplace.demo import Step
from orders.demo_aftersales import seed_aftersales

STEPS = [
    Step("satu_dalam_kopi", seed_satu_dalam_kopi),
    Step("recent_orders", seed_recent_orders),
    Step("aftersales", seed_aftersales),
    Step("blast", seed_satu_dalam_kopi_blast),
]
