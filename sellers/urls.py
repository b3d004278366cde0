from django.urls import path

app_name = "sellers"
urlpatterns = []
