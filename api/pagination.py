"""Pages for the API's lists (NINJA_PAGINATION_CLASS): `?page=2&page_size=100`, with the
total count; a page past the end is a 404 with a Danish message, never an empty success."""

from __future__ import annotations

from typing import Any

from django.utils.translation import ngettext
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
            size = pagination.page_size or self.page_size
            count = result["count"]
            pages = max(1, -(-count // size))  # ceiling division
            raise HttpError(
                404,
                ngettext(
                    "Side %(page)s findes ikke: der er %(count)s række i alt, %(size)s pr. side, "
                    "så siderne går fra 1 til %(pages)s.",
                    "Side %(page)s findes ikke: der er %(count)s rækker i alt, %(size)s pr. side, "
                    "så siderne går fra 1 til %(pages)s.",
                    count,
                )
                % {"page": pagination.page, "count": count, "size": size, "pages": pages},
            )
        return result
