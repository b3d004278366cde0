"""HTTP API of seller money (docs/api.md, "Seller money"): balance, entries, bank account, payouts."""

import hmac

from django.conf import settings
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.errors import ConflictError, NotAllowed, NotFoundError, error_responses
from marketplace.pagination import PageNumberPagination
from marketplace.permissions import IsMinistry
from payouts import selectors
from payouts.models import Bank, BankAccount, Entry, Payout, PayoutBatch
from payouts.services import documents, payouts
from sellers.models import Seller
from sellers.selectors import is_member


def shop_for(request, seller_id: int, *, staff_may_read: bool = True) -> Seller:
    """The shop when the caller is one of its members (or ministry staff, for reads); else a 404."""
    seller = Seller.objects.filter(pk=seller_id).first()
    allowed = seller is not None and (
        (staff_may_read and request.user.is_ministry) or is_member(user=request.user, seller=seller)
    )
    if not allowed:
        raise NotFoundError("Toko tidak ditemukan.")
    return seller


class BalanceOutput(serializers.Serializer):
    held = serializers.IntegerField(help_text="Paid, not yet safe to pay out (Rupiah)")
    available = serializers.IntegerField(help_text="Ready for the next payout; below zero when a refund came after")
    paid_out = serializers.IntegerField()
    commission_total = serializers.IntegerField()
    tax_withheld = serializers.IntegerField(help_text="PPh 22 withheld")
    ministry_subsidy = serializers.IntegerField(help_text="Vouchers the ministry funds on this shop's sales")
    platform_subsidy = serializers.IntegerField(help_text="Vouchers the platform funds on this shop's sales")
    in_transit = serializers.IntegerField(help_text="In a payout not yet confirmed by the bank")
    next_payout_date = serializers.DateField()
    minimum_request = serializers.IntegerField(help_text="The least a shop may ask to be paid out now")


class EntryOutput(serializers.ModelSerializer):
    at = serializers.DateTimeField(source="created_at")
    order = serializers.CharField(source="journal.order.number", default=None, allow_null=True)
    shipment = serializers.IntegerField(source="journal.shipment_id", allow_null=True)
    account = serializers.CharField(source="account.kind", help_text="held or available")

    class Meta:
        model = Entry
        fields = ["id", "at", "kind", "amount", "order", "shipment", "balance_after", "account"]


class BankAccountInput(serializers.Serializer):
    """Checked by the service, so that every wrong field is named in one answer."""

    bank = serializers.CharField(max_length=20, allow_blank=True, help_text=f"One of {', '.join(Bank.values)}")
    number = serializers.CharField(max_length=30, allow_blank=True, help_text="6 to 20 digits; spaces and dots ignored")
    holder_name = serializers.CharField(max_length=100, allow_blank=True)


class BankAccountOutput(serializers.ModelSerializer):
    verified = serializers.BooleanField(source="is_verified")

    class Meta:
        model = BankAccount
        fields = ["bank", "number", "holder_name", "verified", "verified_at", "updated_at"]


class PayoutOutput(serializers.ModelSerializer):
    batch = serializers.IntegerField(source="batch_id")

    class Meta:
        model = Payout
        fields = ["id", "batch", "seller", "amount", "status", "bank", "account_number", "holder_name"]
        fields += ["provider_reference", "failure_reason", "created_at", "finished_at"]


class BatchOutput(serializers.ModelSerializer):
    number = serializers.CharField()
    payout_count = serializers.IntegerField()
    total = serializers.IntegerField()
    paid = serializers.IntegerField()
    failed = serializers.IntegerField()

    class Meta:
        model = PayoutBatch
        fields = ["id", "number", "provider", "trigger", "status", "created_at", "payout_count", "total", "paid"]
        fields += ["failed"]


class BalanceApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: BalanceOutput, **error_responses(401, 404)})
    def get(self, request, seller_id: int):
        seller = shop_for(request, seller_id)
        balance = selectors.balance_of(seller=seller)
        data = {
            **balance.__dict__,
            "next_payout_date": selectors.next_payout_date(),
            "minimum_request": settings.PAYOUTS_MINIMUM_REQUEST,
        }
        return Response(BalanceOutput(data).data)


class LedgerApi(APIView):
    pagination_class = PageNumberPagination
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: EntryOutput(many=True), **error_responses(400, 401, 404)})
    def get(self, request, seller_id: int):
        seller = shop_for(request, seller_id)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.entry_list(seller=seller), request, view=self)
        return paginator.get_paginated_response(EntryOutput(page, many=True).data)


class BankAccountApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: BankAccountOutput, **error_responses(401, 404)})
    def get(self, request, seller_id: int):
        seller = shop_for(request, seller_id)
        account = selectors.bank_account_of(seller=seller)
        if account is None:
            raise NotFoundError("Toko belum mendaftarkan rekening bank.")
        return Response(BankAccountOutput(account).data)

    @extend_schema(request=BankAccountInput, responses={200: BankAccountOutput, **error_responses(400, 401, 404)})
    def put(self, request, seller_id: int):
        seller = shop_for(request, seller_id, staff_may_read=False)
        data = BankAccountInput(data=request.data)
        data.is_valid(raise_exception=True)
        account = payouts.bank_account_save(seller=seller, **data.validated_data)
        return Response(BankAccountOutput(account).data)


class BankAccountSeen(serializers.Serializer):
    """The account as staff checked it; all three or none (none: verify whatever is registered now)."""

    bank = serializers.CharField(max_length=16)
    number = serializers.CharField(max_length=20)
    holder_name = serializers.CharField(max_length=100)

    def to_internal_value(self, data):
        if not any(field in data for field in self.fields):
            return {}
        return super().to_internal_value(data)


class BankAccountVerifyApi(APIView):
    permission_classes = [IsMinistry]

    @extend_schema(request=BankAccountSeen, responses={200: BankAccountOutput, **error_responses(401, 403, 404, 409)})
    def post(self, request, seller_id: int):
        """`{bank, number, holder_name}` as staff checked them (recommended): 409 when the shop changed them since."""
        account = get_object_or_404(BankAccount, seller_id=seller_id)
        data = BankAccountSeen(data=request.data)
        data.is_valid(raise_exception=True)
        seen = tuple(data.validated_data[f] for f in ("bank", "number", "holder_name")) if data.validated_data else None
        return Response(
            BankAccountOutput(payouts.bank_account_verify(account=account, by=request.user, seen=seen)).data
        )


class SellerPayoutListApi(APIView):
    pagination_class = PageNumberPagination
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: PayoutOutput(many=True), **error_responses(400, 401, 404)})
    def get(self, request, seller_id: int):
        seller = shop_for(request, seller_id)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.payout_list_of_shop(seller=seller), request, view=self)
        return paginator.get_paginated_response(PayoutOutput(page, many=True).data)

    @extend_schema(request=None, responses={201: PayoutOutput, **error_responses(401, 404, 409)})
    def post(self, request, seller_id: int):
        """Pay the shop's available balance out now (at least the minimum, to a checked bank account)."""
        seller = shop_for(request, seller_id, staff_may_read=False)
        batch = payouts.payout_request(seller=seller, by=request.user)
        return Response(PayoutOutput(batch.payouts.get()).data, status=status.HTTP_201_CREATED)


class TaxStatementApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema(
        request=inline_serializer(
            "TaxStatementInput", {"file": serializers.FileField(), "year": serializers.IntegerField(required=False)}
        ),
        responses={
            201: inline_serializer("TaxStatementOutput", {"year": serializers.IntegerField()}),
            **error_responses(400, 401, 404, 409),
        },
        description="The shop's yearly statement of a turnover of at most Rp 500 juta (PDF, JPEG or PNG).",
    )
    def post(self, request, seller_id: int):
        seller = shop_for(request, seller_id, staff_may_read=False)
        year = request.data.get("year") or None
        if year is not None:
            # -1 for anything but a few ASCII digits ("²⁰²⁶" passes isdigit() but not int()): the
            # service refuses it naming the years it takes.
            year = str(year)
            year = int(year) if year.isascii() and year.isdigit() and len(year) <= 4 else -1
        statement = documents.tax_statement_upload(
            seller=seller, year=year, upload=request.FILES.get("file"), by=request.user
        )
        return Response({"year": statement.year}, status=status.HTTP_201_CREATED)


class PayoutBatchListApi(APIView):
    pagination_class = PageNumberPagination
    permission_classes = [IsMinistry]

    @extend_schema(responses={200: BatchOutput(many=True), **error_responses(400, 401, 403)})
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.batch_list(), request, view=self)
        return paginator.get_paginated_response(BatchOutput(page, many=True).data)

    @extend_schema(request=None, responses={201: BatchOutput, **error_responses(401, 403, 409)})
    def post(self, request):
        """Run a payout batch now for every shop above the scheduled minimum."""
        batch = payouts.payout_run(
            trigger=PayoutBatch.Trigger.STAFF, minimum=settings.PAYOUTS_MINIMUM_SCHEDULED, by=request.user
        )
        if batch is None:
            raise ConflictError("Tidak ada toko dengan saldo yang bisa ditransfer.")
        return Response(BatchOutput(selectors.batch_list().get(pk=batch.pk)).data, status=status.HTTP_201_CREATED)


class PayoutBatchConfirmApi(APIView):
    permission_classes = [IsMinistry]

    @extend_schema(request=None, responses={200: BatchOutput, **error_responses(401, 403, 404, 409)})
    def post(self, request, batch_id: int):
        """The bank carried out the bank file: every payout still on its way is paid (409 for a batch sent
        through a provider that answers for itself, such as Xendit)."""
        batch = get_object_or_404(PayoutBatch, pk=batch_id)
        payouts.payout_batch_confirm(batch=batch)
        return Response(BatchOutput(selectors.batch_list().get(pk=batch.pk)).data)


class PayoutFailInput(serializers.Serializer):
    reason = serializers.CharField(max_length=255)


class PayoutFailApi(APIView):
    permission_classes = [IsMinistry]

    @extend_schema(request=PayoutFailInput, responses={200: PayoutOutput, **error_responses(400, 401, 403, 404, 409)})
    def post(self, request, payout_id: int):
        """The bank refused this transfer: the money goes back to the shop's available balance (409 once a
        provider that answers for itself, such as Xendit, has it)."""
        payout = get_object_or_404(Payout, pk=payout_id)
        data = PayoutFailInput(data=request.data)
        data.is_valid(raise_exception=True)
        payout = payouts.payout_fail_by_staff(payout_id=payout.pk, reason=data.validated_data["reason"])
        return Response(PayoutOutput(payout).data)


class XenditDisbursementCallback(serializers.Serializer):
    """What a disbursement callback carries that we read: only `external_id` names our payout."""

    id = serializers.CharField(max_length=100)
    external_id = serializers.CharField(max_length=100)
    status = serializers.CharField(max_length=40)


class XenditCallbackApi(APIView):
    """Xendit's disbursement callback. Only a nudge: the payout's status is read back from Xendit."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = []  # Xendit's few addresses speak for every shop: never rate-limited

    @extend_schema(
        request=XenditDisbursementCallback,
        responses={200: PayoutOutput, **error_responses(400, 403, 404)},
    )
    def post(self, request):
        expected = settings.XENDIT_CALLBACK_TOKEN
        given = request.headers.get("X-Callback-Token", "")
        if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
            raise NotAllowed("Token callback tidak cocok.")
        data = XenditDisbursementCallback(data=request.data)
        data.is_valid(raise_exception=True)
        external_id = data.validated_data["external_id"]
        payout_id = external_id.removeprefix("pasarikm-payout-")
        if not payout_id.isascii() or not payout_id.isdigit() or len(payout_id) > 18:
            raise NotFoundError("Pembayaran tidak dikenal.")
        payout = get_object_or_404(Payout, pk=int(payout_id))
        return Response(PayoutOutput(payouts.payout_refresh(payout=payout)).data)
