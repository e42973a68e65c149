from django.urls import path

from api import public

app_name = "public"

urlpatterns = [
    path("", public.page, name="page"),
    path("<slug:kind>.<str:fmt>", public.download, name="download"),
    path("rapporter/<int:pk>.pdf", public.report_pdf, name="report_pdf"),
]
