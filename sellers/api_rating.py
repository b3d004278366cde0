"""The rating a product shows in the API: the average and count of its visible reviews, which
orders/services/reviews.py keeps on the product as reviews are written or hidden."""

from rest_framework import serializers


class RatingOutput(serializers.Serializer):
    average = serializers.FloatField(
        source="rating_average", allow_null=True, help_text="Mean stars of the visible reviews, one decimal"
    )
    count = serializers.IntegerField(source="rating_count")
