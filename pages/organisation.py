"""Brugere og enheder: the administrators' pages for people and the organisation tree.

They live here, above initiatives, because a unit's move or retirement asks first when
initiatives would follow it; the writes are strategy's services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.access import require_perm
from initiatives.models import Initiative
from strategy.forms import PersonForm, UnitForm
from strategy.models import Unit
from strategy.queries import (
    display_name,
    organisation_tree,
    organisation_warnings,
    people_overview,
    person_history,
    person_row,
)
from strategy.services import person_deactivate, person_save, unit_create, unit_retire, unit_update

PERMISSION = "strategy.manage_people"
HISTORY_LIMIT = 50


def _get_person(request: HttpRequest, pk: int):
    require_perm(request, PERMISSION, target=f"person {pk}")
    return get_object_or_404(
        get_user_model().objects.prefetch_related("groups", "led_units"), pk=pk
    )


def _get_unit(request: HttpRequest, pk: int) -> Unit:
    require_perm(request, PERMISSION, target=f"enhed {pk}")
    return get_object_or_404(Unit.objects.select_related("parent"), pk=pk)


def _form_error(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@require_safe
def people(request: HttpRequest) -> HttpResponse:
    require_perm(request, PERMISSION, target="brugere")
    show_inactive = request.GET.get("vis") == "deaktiverede"
    rows = people_overview(active=not show_inactive)
    warnings = organisation_warnings(rows if not show_inactive else people_overview())
    return render(
        request,
        "pages/people.html",
        {"rows": rows, "warnings": warnings, "show_inactive": show_inactive},
    )


def _person_page(request, form, *, person=None, status: int = 200) -> HttpResponse:
    context: dict = {"form": form, "person": person}
    if person is not None:
        context["row"] = person_row(person)
        context["history"] = person_history(person, limit=HISTORY_LIMIT)
    return render(request, "pages/person_form.html", context, status=status)


def _save_person(request: HttpRequest, form: PersonForm, person=None) -> HttpResponse | None:
    if not form.is_valid():
        return None
    try:
        saved = person_save(person=person, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        _form_error(form, error)
        return None
    messages.success(request, _("%(name)s er gemt.") % {"name": display_name(saved)})
    return redirect("pages:person_edit", saved.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, PERMISSION, target="ny person")
    if request.method != "POST":  # GET or HEAD
        return _person_page(request, PersonForm())
    form = PersonForm(request.POST)
    return _save_person(request, form) or _person_page(request, form, status=422)


@require_http_methods(["GET", "HEAD", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get_person(request, pk)
    if request.method != "POST":  # GET or HEAD
        initial = {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "role_names": [g.name for g in person.groups.all()],
            "led_units": list(person.led_units.all()),
            "is_active": person.is_active,
        }
        return _person_page(request, PersonForm(initial=initial, person=person), person=person)
    form = PersonForm(request.POST, person=person)
    return _save_person(request, form, person) or _person_page(
        request, form, person=person, status=422
    )


@require_http_methods(["GET", "HEAD", "POST"])
def person_deactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get_person(request, pk)
    if request.method != "POST":  # GET or HEAD
        return render(request, "pages/person_deactivate.html", {"row": person_row(person)})
    try:
        person_deactivate(person=person, actor=request.user)
    except ValidationError as error:
        return render(
            request,
            "pages/person_deactivate.html",
            {"row": person_row(person), "errors": error.messages},
            status=409,
        )
    messages.success(request, _("%(name)s er deaktiveret.") % {"name": display_name(person)})
    return redirect("pages:people")


@require_safe
def units(request: HttpRequest) -> HttpResponse:
    require_perm(request, PERMISSION, target="enheder")
    return render(request, "pages/units.html", {"tree": organisation_tree()})


def _initiatives_under(unit: Unit) -> int:
    """How many initiatives in the plan the unit and the units under it are responsible for
    or take part in: what follows it when it moves, or loses it when it is retired."""
    below = Unit.objects.ids_under(unit.pk)
    return (
        Initiative.objects.filter(archived_at__isnull=True)
        .filter(Q(responsible_unit_id__in=below) | Q(units__in=below))
        .distinct()
        .count()
    )


def _unit_page(request, form, *, unit=None, confirm_move: int = 0, status: int = 200):
    context = {"form": form, "unit": unit, "confirm_move": confirm_move}
    if unit is not None:
        context["history"] = unit.history.select_related("history_user").order_by("-history_date")[
            :HISTORY_LIMIT
        ]
    return render(request, "pages/unit_form.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def unit_create_view(request: HttpRequest) -> HttpResponse:
    require_perm(request, PERMISSION, target="ny enhed")
    if request.method != "POST":  # GET or HEAD
        return _unit_page(request, UnitForm(initial={"parent": request.GET.get("under")}))
    form = UnitForm(request.POST)
    if form.is_valid():
        try:
            unit = unit_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("%(unit)s er oprettet.") % {"unit": unit.name})
            return redirect("pages:units")
    return _unit_page(request, form, status=422)


@require_http_methods(["GET", "HEAD", "POST"])
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _get_unit(request, pk)
    if request.method != "POST":  # GET or HEAD
        initial = {"name": unit.name, "kind": unit.kind, "parent": unit.parent, "order": unit.order}
        return _unit_page(request, UnitForm(initial=initial, unit=unit), unit=unit)
    form = UnitForm(request.POST, unit=unit)
    if form.is_valid():
        moves = form.cleaned_data["parent"] != unit.parent
        following = _initiatives_under(unit) if moves else 0
        if following and request.POST.get("confirm") != "move":
            # Asks first: the initiatives follow the unit to its new place.
            return _unit_page(request, form, unit=unit, confirm_move=following)
        try:
            unit = unit_update(unit=unit, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("%(unit)s er gemt.") % {"unit": unit.name})
            return redirect("pages:units")
    return _unit_page(request, form, unit=unit, status=422)


@require_http_methods(["GET", "HEAD", "POST"])
def unit_retire_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _get_unit(request, pk)
    context = {"unit": unit, "initiatives": _initiatives_under(unit)}
    if request.method != "POST":  # GET or HEAD
        return render(request, "pages/unit_retire.html", context)
    try:
        unit_retire(unit=unit, actor=request.user)
    except ValidationError as error:
        return render(
            request, "pages/unit_retire.html", {**context, "errors": error.messages}, status=409
        )
    messages.success(request, _("%(unit)s er nedlagt.") % {"unit": unit.name})
    return redirect("pages:units")


@require_safe
def welcome(request: HttpRequest) -> HttpResponse:
    """Where a person created by single sign-on lands until the directory (or an administrator)
    gives them a role: who they are, what happens next, whom to ask."""
    from accounts.rules import has_a_role

    if has_a_role(request.user):
        return redirect("reports:landing")
    return render(request, "pages/welcome.html", {"name": display_name(request.user)})
