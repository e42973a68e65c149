"""Pages for the API's lists (NINJA_PAGINATION_CLASS): `?page=2&page_size=100`, with the
total count; a page past the end is a 404 with a Danish message, never an empty success."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from ninja import Field
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    class Input(PageNumberPagination.Input):
        page: int = Field(1, ge=1, le=100_000, description="Sidenummer, fra 1.")
        page_size: int | None = Field(
            None, ge=1, le=500, description="Antal pr. side (højst 500, standard 50)."
        )

    def paginate_queryset(
        self, queryset, pagination: PageNumberPagination.Input, request, **params: Any
    ) -> Any:
        result = super().paginate_queryset(queryset, pagination, request, **params)
        if pagination.page > 1 and not len(result[self.items_attribute]):
            raise HttpError(404, _("Siden findes ikke: der er %(count)s i alt.") % result)
        return result
