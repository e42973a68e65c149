"""The strategy in the read API: the strategy, its pejlemærker and målsætninger, and the
organisation's units. Nothing here is personal or half-year bound, so every caller sees it."""

import datetime

from ninja import Field, Router, Schema

from strategy.models import Objective, Strategy, Theme, Unit

router = Router(tags=["Strategi"])


class ErrorOut(Schema):
    detail: str = Field(description="Hvad der er galt, på dansk.")


# Every route documents its errors: a bad parameter, no or a bad key, nothing there, too many.
ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 429: ErrorOut}


class ObjectiveOut(Schema):
    id: int
    code: str = Field(description='Målsætningens nummer, fx "2.1".')
    theme: int = Field(description="Pejlemærkets nummer.")
    text: str


class ThemeOut(Schema):
    id: int
    number: int
    title: str
    motto: str
    objectives: list[ObjectiveOut]


class StrategyOut(Schema):
    name: str
    organisation: str
    approved_by: str
    approved_on: datetime.date
    horizon: str
    vision: str
    themes: list[ThemeOut]


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str = Field(description='Enhedens art, som appen skriver den: "Område".')
    parent: int | None


def _objective(objective: Objective, theme: Theme) -> ObjectiveOut:
    return ObjectiveOut(
        id=objective.pk,
        code=f"{theme.number}.{objective.number}",
        theme=theme.number,
        text=objective.text,
    )


def _themes() -> list[ThemeOut]:
    themes = Theme.objects.order_by("number").prefetch_related("objectives")
    return [
        ThemeOut(
            id=theme.pk,
            number=theme.number,
            title=theme.title,
            motto=theme.motto,
            objectives=[
                _objective(o, theme) for o in sorted(theme.objectives.all(), key=lambda o: o.number)
            ],
        )
        for theme in themes
    ]


@router.get(
    "/strategi", response={200: StrategyOut, **ERRORS}, summary="Strategien med pejlemærker"
)
def strategy_detail(request):
    strategy = Strategy.objects.first()
    return StrategyOut(
        name=strategy.name,
        organisation=strategy.organisation,
        approved_by=strategy.approved_by,
        approved_on=strategy.approved_on,
        horizon=strategy.horizon,
        vision=strategy.vision,
        themes=_themes(),
    )


@router.get(
    "/pejlemaerker",
    response={200: list[ThemeOut], **ERRORS},
    summary="Pejlemærker med målsætninger",
)
def theme_list(request):
    return _themes()


@router.get("/enheder", response={200: list[UnitOut], **ERRORS}, summary="Organisationens enheder")
def unit_list(request):
    return [
        UnitOut(
            id=u.pk,
            name=u.name,
            kind=u.kind,
            kind_label=str(u.get_kind_display()),
            parent=u.parent_id,
        )
        for u in Unit.objects.order_by("order", "name")
    ]
