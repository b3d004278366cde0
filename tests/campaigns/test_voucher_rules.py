"""Property tests: whatever the order, a voucher never makes a line or a fee negative, nor passes its cap or budget."""

from hypothesis import given, settings
from hypothesis import strategies as st

from campaigns.models_vouchers import Voucher
from campaigns.voucher_rules import Terms, goods_discounts, shipping_subsidies, spread
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


@settings(max_examples=500, deadline=None)
@given(
    total=st.integers(0, 10**9),
    weights=st.lists(st.integers(0, 10**6), min_size=1, max_size=12),
)
def test_spread_shares_add_up_to_the_total_and_stay_within_weights_when_they_can(total, weights):
    weights = list(enumerate(weights))
    shares = spread(total, weights)

    whole = sum(w for _, w in weights)
    assert sum(shares.values()) == (total if whole else 0)
    assert all(share > 0 for share in shares.values())
    if total <= whole:
        assert all(shares.get(key, 0) <= weight for key, weight in weights)


def test_a_shipping_subsidy_larger_than_the_goods_is_spread_over_the_lines_in_full():
    # Three Rp 5.000 lines shipped for Rp 20.000, all of it subsidised (the impact report spreads it).
    assert sum(spread(20000, [(1, 5000), (2, 5000), (3, 5000)]).values()) == 20000
