"""Property tests: whatever the order, a voucher never makes a line or a fee negative, nor passes its cap or budget."""

from hypothesis import given, settings
from hypothesis import strategies as st

from campaigns.models_vouchers import Voucher
from campaigns.voucher_rules import Terms, goods_discounts, shipping_subsidies
from orders.vouchers import CheckoutLine, CheckoutShipment

lines_strategy = st.lists(
    st.builds(
        CheckoutLine,
        line_id=st.integers(1, 10_000),
        seller_id=st.integers(1, 5),
        category_ids=st.tuples(st.integers(1, 4), st.none()),
        seller_province=st.sampled_from(["11", "34", "73"]),
        goods=st.integers(0, 10**9),
    ),
    min_size=1,
    max_size=12,
    unique_by=lambda line: line.line_id,
)


def terms(kind, value, cap, min_spend, categories=frozenset()):
    voucher = Voucher(kind=kind, value=value, max_discount=cap, min_spend=min_spend, shop_provinces=[])
    return Terms(voucher=voucher, category_ids=frozenset(categories), seller_ids=frozenset())


@settings(max_examples=300, deadline=None)
@given(
    lines=lines_strategy,
    kind=st.sampled_from(["amount", "percent"]),
    value=st.integers(1, 10**8),
    cap=st.none() | st.integers(1, 10**8),
    min_spend=st.integers(0, 10**6),
    budget=st.integers(0, 10**9),
    categories=st.frozensets(st.integers(1, 4), max_size=2),
)
def test_goods_discounts_never_exceed_a_line_the_cap_or_the_budget(
    lines, kind, value, cap, min_spend, budget, categories
):
    if kind == "percent":
        value = value % 100 + 1
    off = goods_discounts(terms(kind, value, cap, min_spend, categories), lines, budget_left=budget)

    goods = {line.line_id: line.goods for line in lines}
    assert all(0 < amount <= goods[pid] for pid, amount in off.items())
    assert sum(off.values()) <= budget
    if cap is not None:
        assert sum(off.values()) <= cap
    if kind == "amount":
        assert sum(off.values()) <= value


@settings(max_examples=300, deadline=None)
@given(
    lines=lines_strategy,
    fees=st.dictionaries(st.integers(1, 5), st.integers(0, 10**7), min_size=1),
    value=st.integers(1, 100),
    cap=st.none() | st.integers(1, 10**7),
    budget=st.integers(0, 10**8),
)
def test_shipping_subsidies_never_exceed_a_fee_the_cap_or_the_budget(lines, fees, value, cap, budget):
    shipments = [CheckoutShipment(seller_id=s, fee=f) for s, f in fees.items()]
    off = shipping_subsidies(terms("shipping", value, cap, 0), lines, shipments, budget_left=budget)

    assert all(0 < amount <= fees[seller] for seller, amount in off.items())
    assert sum(off.values()) <= budget
    if cap is not None:
        assert sum(off.values()) <= cap
