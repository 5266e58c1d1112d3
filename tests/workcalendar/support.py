"""Dossiers written directly for the calendar tests (the workflow is helper A1's: only the fields the
deadlines read are set here)."""

from tdkt.dossiers.models import Dossier


def make_dossier(unit, *, state="submitted", due=None, assignee=None, call=None, title="Hồ sơ đề nghị khen thưởng"):
    return Dossier.objects.create(unit=unit, title=title, state=state, step_due_on=due, assignee=assignee, call=call)
