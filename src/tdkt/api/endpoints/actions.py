"""The actions of every declared state machine, generated from the declarations (tdkt.workflow):

    GET  /api/v1/{machine}/{pk}/actions           the transitions the token's user may take now
    POST /api/v1/{machine}/{pk}/actions/{name}    take one ({"reason": "…"}); answers the new state

`machine` is the machine's name (`dossier`, `nomination`, …). Another unit's object is a 404. The token needs
the machine's write scope (tdkt.api.scopes.MACHINE_SCOPES), even to list the actions."""

from django.http import Http404
from ninja import Router, Schema

from tdkt.api.auth import require_scope
from tdkt.api.scopes import machine_scope
from tdkt.workflow.machine import MACHINES

router = Router(tags=["Thao tác theo quy trình"])


class ActionOut(Schema):
    name: str
    label: str
    target: str | None
    reason_required: bool


class ActionIn(Schema):
    reason: str = ""


class StateOut(Schema):
    id: int
    state: str
    state_label: str


def _machine_and_object(request, machine_name: str, pk: int):
    machine = MACHINES.get(machine_name)
    if machine is None or machine.get_for_user is None:
        raise Http404
    require_scope(request, machine_scope(machine_name))
    return machine, machine.get_for_user(request.user, pk)


@router.get("/{machine_name}/{pk}/actions", response=list[ActionOut],
            summary="Các thao tác tài khoản được làm lúc này (theo quy trình đã khai báo)")
def list_actions(request, machine_name: str, pk: int):
    machine, obj = _machine_and_object(request, machine_name, pk)
    return [{"name": item.name, "label": str(item.label), "target": item.target,
             "reason_required": item.reason_required} for item in machine.allowed(request.user, obj)]


@router.post("/{machine_name}/{pk}/actions/{name}", response=StateOut, summary="Thực hiện một thao tác")
def perform_action(request, machine_name: str, pk: int, name: str, payload: ActionIn):
    machine, obj = _machine_and_object(request, machine_name, pk)
    try:
        machine[name]
    except KeyError:
        raise Http404 from None
    machine.run(obj, name, by=request.user, reason=payload.reason)
    state = machine.state_of(obj)
    return {"id": obj.pk, "state": state, "state_label": machine.state_label(state)}
