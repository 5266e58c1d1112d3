"""The one entry point the command and the screens call: resolve what was asked (form, circular, year, unit)
into a definition, a year and a unit, or a BadRequest with a Vietnamese-ready message; then compute."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from tdkt.orgs.models import Unit
from tdkt.reports.periods import statistical_year
from tdkt.reports.statistics import definitions
from tdkt.reports.statistics.compute import FormResult, compute
from tdkt.reports.statistics.definitions import DEFAULT_CIRCULAR, FormDefinition

__all__ = ["DEFAULT_CIRCULAR", "BadRequest", "FormRequest", "compute_form", "parse_year", "resolve",
           "statistical_year"]


class BadRequest(ValueError):
    pass


@dataclass(frozen=True)
class FormRequest:
    definition: FormDefinition
    year: int
    unit: object | None


def parse_year(text) -> int:
    try:
        year = int(str(text).strip())
        statistical_year(year)
    except (TypeError, ValueError) as exc:
        raise BadRequest(_("“%(period)s” is not a statistical year (write the year, e.g. 2026).")
                         % {"period": text}) from exc
    return year


def find_definition(number: str, circular_id: str = DEFAULT_CIRCULAR) -> FormDefinition:
    circular = definitions.circular(circular_id)
    if circular is None:
        raise BadRequest(_("Unknown circular “%(circular)s”.") % {"circular": circular_id})
    definition = circular.form(str(number).strip())
    if definition is None:
        raise BadRequest(_("Form “%(form)s” is not defined for circular %(circular)s (forms: %(forms)s).")
                         % {"form": number, "circular": circular.id, "forms": ", ".join(circular.form_numbers())})
    return definition


def resolve(number: str, period, unit_code: str = "", circular_id: str = DEFAULT_CIRCULAR) -> FormRequest:

    definition = find_definition(number, circular_id)
    year = parse_year(period)
    unit = None
    if unit_code:
        unit = Unit.objects.filter(code=unit_code).first()
        if unit is None:
            raise BadRequest(_("Unknown unit code “%(code)s”.") % {"code": unit_code})
    return FormRequest(definition, year, unit)


def compute_form(request: FormRequest) -> FormResult:
    return compute(request.definition, request.year, request.unit)
