"""What the product API tests share: the products path, the fields of a product as the API shows
it, and the ids of a listing's rows."""

PRODUCTS = "/api/v1/products/"
DETAIL_FIELDS = {
    "rating",
    "units_sold",
    "id",
    "name",
    "slug",
    "url",
    "description",
    "price",
    "price_now",
    "campaign",
    "stock",
    "weight_grams",
    "tkdn_percent",
    "bangga_buatan_indonesia",
    "seller",
    "category",
}


def ids(response):
    return [row["id"] for row in response.json()["results"]]
