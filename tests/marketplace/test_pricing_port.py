"""The pricing port declares what its callers use, and both backends provide it."""

import inspect

from campaigns.pricing import CampaignPricingBackend
from marketplace.pricing import ListPriceBackend, PricingBackend

CALLED_BY_OTHER_APPS = {
    "quote",
    "reserve",
    "mark_live",
    "release",
    "next_change",
    "filter_campaign",
    "filter_in_campaign",
}


def _declared(cls) -> set[str]:
    return {name for name, value in vars(cls).items() if inspect.isfunction(value) and not name.startswith("_")}


def test_the_protocol_declares_every_method_checkout_and_the_catalogue_call():
    assert _declared(PricingBackend) == CALLED_BY_OTHER_APPS


def test_both_backends_implement_the_whole_protocol_with_its_signatures():
    for backend in (ListPriceBackend, CampaignPricingBackend):
        for name in CALLED_BY_OTHER_APPS:
            declared = inspect.signature(getattr(PricingBackend, name))
            implemented = inspect.signature(getattr(backend, name))
            assert list(declared.parameters) == list(implemented.parameters), (backend.__name__, name)
