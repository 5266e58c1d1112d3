"""The rows of the lines panel (`nominees/_lines.html`), written in Python.

A dossier carries up to a few hundred lines and its page is the one a unit and the standing body open most. The
same rows through Django's template engine took 65–75 ms of a 150 ms budget for 300 lines (measured, see
bench/bench_dossier_page.py); written here with format_html they take a fraction of it. Everything is escaped by
format_html; the table's head and the rest of the panel stay in the template."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from tdkt.dossiers.enums import NominationState
from tdkt.dossiers.line_decisions import VERDICT_LABELS
from tdkt.lib.rows import SAMPLE_ID, csrf_input, url_with_id

ROW = ('<tr id="line-{pk}" class="verdict-{code}{blocking}">\n<td>{counter}</td>\n<td>{recipient}</td>\n{personal}'
       "<td>{position_and_unit}</td>\n<td>{award}</td>\n<td>{state}</td>\n<td>{verdict}{computed}{reasons}</td>\n"
       "{fix}{actions}</tr>")


def _recipient(line, labels) -> SafeString:
    if line.person_id:
        return format_html("{}", line.person.full_name)
    if line.unit_id:
        return format_html("{}: {}", labels["collective"], line.unit.name)
    return format_html("{}: {}", labels["household"], line.household)


def _award(row, labels) -> SafeString:
    line = row.line
    if row.award_changed:
        return format_html("{}<br><strong>{} {}</strong>", line.proposed_award_type.name, labels["changed_to"],
                           line.award_type.name)
    return format_html("{}", line.proposed_award_type.name)


def _actions(labels, csrf: SafeString | str) -> str:
    """The actions cell of the row of id SAMPLE_ID: written once per page, copied with each line's id."""
    return format_html(
        '<td class="actions"><a href="{}">{}</a>\n<form method="post" action="{}" class="inline" data-confirm="{}">'
        '{}<button type="submit">{}</button></form></td>\n',
        url_with_id("nominees:line_edit")(SAMPLE_ID), labels["edit"], url_with_id("nominees:line_remove")(SAMPLE_ID),
        labels["remove_question"], csrf, labels["remove"])


def line_rows_html(rows, request, *, personal: bool, returned: bool, can_edit: bool) -> SafeString:
    """The <tr> of every row, in order; the columns follow the panel's head (personal data, "to complete",
    the edit column) as the template decides them."""
    labels = {"collective": _("Collective"), "household": _("Household"), "changed_to": _("changed to"),
              "edit": _("Edit"), "remove": _("Remove"), "remove_question": _("Remove this line?")}
    states = {state.value: str(state.label) for state in NominationState}
    verdicts = {code: str(label) for code, label in VERDICT_LABELS.items()}
    actions = _actions(labels, csrf_input(request)) if can_edit else ""
    html = []
    for counter, row in enumerate(rows, start=1):
        line = row.line
        label = (verdicts.get(row.verdict_code) or row.verdict_label) if row.verdict else "—"
        verdict = format_html('<strong class="error">{}</strong>', label) if row.blocking else format_html("{}", label)
        html.append(format_html(
            ROW, pk=str(line.pk), code=row.verdict_code or "none", blocking=" blocking" if row.blocking else "",
            counter=str(counter), recipient=_recipient(line, labels),
            personal=format_html("<td>{}</td><td>{}</td>\n", row.birth_text, row.national_id_text) if personal else "",
            position_and_unit=line.position_and_unit, award=_award(row, labels),
            state=states.get(line.state, line.state), verdict=verdict,
            computed=format_html('<br><small class="computed-at">{}</small>', row.computed_text) if row.verdict else "",
            reasons=format_html_join("", '\n<div class="reason"><small>{}</small></div>',
                                     ((text,) for text in row.reason_texts)),
            fix=(format_html("<td>{}</td>\n", format_html("<strong>{}</strong>", line.fix_request)
                             if line.fix_request else "") if returned else ""),
            actions=mark_safe(actions.replace(str(SAMPLE_ID), str(line.pk)))))  # an id: nothing to escape
    return mark_safe("".join(html))  # each piece escaped by format_html above
