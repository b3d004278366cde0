from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission


class IsMinistry(BasePermission):
    message = _("Hanya staf Kementerian Perindustrian yang boleh melakukan ini.")

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.is_ministry)
