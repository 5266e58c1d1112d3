"""The rows of the appraisal page (`dossiers/appraise.html`), written in Python.

Each of a dossier's few hundred lines carries a decision form (reason, confirmation, the buttons its state
allows): through the template engine the rows of a 300-line dossier took most of the page's 150 ms budget
(bench/bench_dossier_page.py). Everything is escaped by format_html; the table's head stays in the template.
The view prepares each line's texts (`appraise` in views_province)."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from tdkt.lib.rows import csrf_input

ROW = ('<tr id="line-{pk}" class="{state}">\n<td>{position}</td><td>{recipient}<br><small>{position_and_unit}</small>'
       "</td>\n<td>{proposed}</td><td>{award}</td>\n<td>{verdict}{computed}\n{reasons}</td>\n<td>{state_label}{why}</td>\n"
       "<td>{decision}</td></tr>\n")


def _decision_form(line, labels, csrf_input) -> SafeString:
    buttons = format_html_join("\n", "{}", (
        (format_html('<a href="{}">{}</a>', line.change_award_url, label) if name == "change_award"
         else format_html('<button name="decision" value="{}">{}</button>', name, label),)
        for name, label in line.decisions))
    return format_html(
        '\n{}<form method="post" class="line-decision">{}<input type="hidden" name="line" value="{}">\n'
        '<label>{} <input type="text" name="reason" size="28"></label>\n{}{}\n</form>',
        format_html_join("", '<p class="error">{}</p>', ((error,) for error in line.errors)), csrf_input, str(line.pk),
        labels["reason"],
        format_html('<label><input type="checkbox" name="confirm"> {}</label>\n', labels["confirm"])
        if line.verdict_code != "eligible" else "", buttons)


def appraisal_rows_html(lines, request, *, open_: bool, confirm_label: str) -> SafeString:
    labels = {"reason": _("Reason"), "confirm": str(confirm_label)}
    csrf = csrf_input(request) if open_ else ""
    return mark_safe("".join(format_html(  # each piece escaped by format_html
        ROW, pk=str(line.pk), state=line.state, position=str(line.position), recipient=str(line.recipient),
        position_and_unit=line.position_and_unit, proposed=line.proposed_award_type.name, award=line.award_type.name,
        verdict=line.verdict_text,
        computed=format_html('<br><small class="computed-at">{}</small>', line.computed_text) if line.computed_text
        else "",
        reasons=format_html('<ul class="reasons">{}</ul>', format_html_join("", "<li>{}</li>", (
            (reason,) for reason in line.reasons_now))) if line.reasons_now else "",
        state_label=line.state_label,
        why=format_html("<br><small>{}</small>", line.decision_reason) if line.decision_reason else "",
        decision=_decision_form(line, labels, csrf) if open_ else "") for line in lines))
