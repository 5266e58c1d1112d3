"""The states of a history import batch (issue 11): the one declaration every state write goes through.

draft → validating → validated → committing → committed, and failed when a check or a commit fails
(nothing imported; the batch can be checked again). The importer starts each step; what the check and
the commit find is recorded by the system (the request for a short file, the worker for a long one).
The services (tdkt.awards.imports.services, .commit) keep their rules and call `IMPORT_BATCH.perform`."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.awards.imports.models import BatchState as S
from tdkt.awards.imports.models import ImportBatch, ImportBatchStateChange
from tdkt.awards.imports.queries import get_batch_for_user, may_handle_batch
from tdkt.workflow.machine import SYSTEM, StateMachine, transition

IMPORTERS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST, Role.UNIT_CLERK, Role.UNIT_LEADER)
IMPORTER = "importer"  # the uploader, the clerks and leaders of the batch's unit, the province specialists


def may_import(user, batch) -> bool:
    """The access rule of the import screens: an importing role, and the batch within the user's reach."""
    return get_scope(user).has_role(*IMPORTERS) and may_handle_batch(user, batch)


IMPORT_BATCH = StateMachine(
    name="import_batch",
    label=_("import batch"),
    model=ImportBatch,
    states=S,
    history_model=ImportBatchStateChange,
    history_owner="batch",
    actors={IMPORTER: may_import},
    initial=S.DRAFT,
    get_for_user=lambda user, pk, write=True: get_batch_for_user(user, pk),
    # the home's agenda: a batch waits for its uploader only (the unit's other officers may handle it, but it is
    # his file); every step is taken on the batch's page
    visible_to=lambda user: ImportBatch.objects.filter(uploaded_by_id=user.pk).select_related("unit").order_by("pk"),
    url_of=lambda batch: reverse("awards:import_detail", args=[batch.pk]), title_of=str,
    unit_of=lambda batch: batch.unit.name, agenda_key=lambda batch: (batch.unit_id, batch.uploaded_by_id),
    button_url_of=lambda batch, _item: reverse("awards:import_detail", args=[batch.pk]),
    docs="history-import.md",
    refused_message=_("This import cannot do that now: it is “%(old)s”."),
    raced_message=_("Someone else changed this import first: it is now “%(state)s”. Reload the page and try again."),
    transitions=[
        transition("start_validation", _("Check the file"), {S.DRAFT}, S.VALIDATING, IMPORTER,
                   description=_("The columns are mapped; the rows are checked.")),
        transition("revalidate", _("Check the file again"), {S.VALIDATED, S.FAILED}, S.VALIDATING, IMPORTER,
                   waits={S.FAILED},  # a checked batch waits for its import, not for another check
                   description=_("New columns, or a retry after a failure.")),
        transition("validated", _("Checked"), {S.VALIDATING}, S.VALIDATED, SYSTEM,
                   description=_("Every row has its outcome; nothing is recorded yet.")),
        transition("validation_failed", _("Check failed"), {S.VALIDATING}, S.FAILED, SYSTEM, danger=True,
                   description=_("The file could not be checked.")),
        transition("start_commit", _("Import"), {S.VALIDATED}, S.COMMITTING, IMPORTER,
                   description=_("No row has an error or waits for review.")),
        transition("committed", _("Imported"), {S.COMMITTING}, S.COMMITTED, SYSTEM,
                   description=_("Every row is recorded.")),
        transition("commit_failed", _("Import failed"), {S.COMMITTING}, S.FAILED, SYSTEM, danger=True,
                   description=_("A row became a conflict: nothing is recorded.")),
    ],
)
