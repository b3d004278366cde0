"""The buyer asks for the latest whereabouts of a parcel (the beat task also polls every half hour)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from orders.models import Shipment
from orders.services import tracking


@login_required
@require_POST
def shipment_track(request, number: str, shipment_id: int):
    shipment = get_object_or_404(
        Shipment.objects.select_related("order"), pk=shipment_id, order__number=number, order__buyer=request.user
    )
    updated = tracking.shipment_track(shipment_id=shipment.pk)
    if updated is None:
        messages.info(request, _("Status paket ini belum bisa dilacak otomatis."))
    else:
        messages.success(request, _("Status paket sudah diperbarui."))
    return redirect(shipment.order.get_absolute_url())
