from ninja import Router, Schema

router = Router(tags=["accounts"])


class MeOut(Schema):
    id: int
    username: str
    display_name: str
    unit_id: int | None
    unit_name: str | None
    roles: list[str]
    county_wide: bool


@router.get("/me", response=MeOut)
def me(request):
    """The signed-in user or token holder, with roles and scope."""
    from .scoping import is_county_wide

    user = request.user
    return {
        "id": user.pk,
        "username": user.username,
        "display_name": user.display_name,
        "unit_id": user.unit_id,
        "unit_name": user.unit.name if user.unit_id else None,
        "roles": sorted(user.roles),
        "county_wide": is_county_wide(user),
    }
