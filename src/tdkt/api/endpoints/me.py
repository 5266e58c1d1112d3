from ninja import Router, Schema

from tdkt.accounts.scope import get_scope

router = Router(tags=["Tài khoản"])


class MeOut(Schema):
    username: str
    full_name: str
    roles: list[str]
    unit_ids: list[int]


@router.get("/me", response=MeOut, summary="Tài khoản gắn với token")
def me(request):
    scope = get_scope(request.user)
    return MeOut(username=request.user.username, full_name=getattr(request.user, "full_name", "") or "",
                 roles=sorted(scope.roles), unit_ids=sorted(scope.home_unit_ids))
