"""Every change to users, roles and API tokens (用户、角色、接口密钥)."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.audit.services import record, snapshot
from countydesk.base.errors import ValidationFailed

from .choices import Role
from .models import ApiToken, RoleGrant, User, hash_key
from .scoping import require


def _check_roles(roles):
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ValidationFailed(_("Unknown role: %s") % ", ".join(sorted(unknown)), fields={"roles": sorted(unknown)})


def _check_password(password, user=None):
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationFailed("; ".join(exc.messages), fields={"password": exc.messages}) from exc


@transaction.atomic
def do_create_user(actor, username: str, password: str, *, unit=None, roles=(), display_name="", person=None,
                   is_superuser=False, password_hash: str | None = None) -> User:
    """Create a login. `password_hash` lets the demo generator reuse one hash for many accounts."""
    require(actor, "accounts.manage")
    _check_roles(roles)
    if User.objects.filter(username=username).exists():
        raise ValidationFailed(_("That user name is taken."), fields={"username": [_("That user name is taken.")]})
    user = User(username=username, unit=unit, display_name=display_name, person=person,
                is_superuser=is_superuser, is_staff=is_superuser or Role.ADMIN in roles)
    if password_hash:
        user.password = password_hash
    else:
        _check_password(password, user)
        user.set_password(password)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        raise ValidationFailed.from_django(exc) from exc
    user.save()
    RoleGrant.objects.bulk_create([RoleGrant(user=user, role=r) for r in roles])
    record(actor, "user.create", user, after=snapshot(user) | {"roles": sorted(roles)}, unit=unit)
    return user


@transaction.atomic
def do_set_roles(actor, user: User, roles) -> User:
    require(actor, "accounts.manage")
    _check_roles(roles)
    before = sorted(user.roles)
    RoleGrant.objects.filter(user=user).exclude(role__in=roles).delete()
    RoleGrant.objects.bulk_create([RoleGrant(user=user, role=r) for r in set(roles) - set(before)])
    user.__dict__.pop("_roles", None)
    record(actor, "user.set_roles", user, before={"roles": before}, after={"roles": sorted(roles)}, unit=user.unit)
    return user


@transaction.atomic
def do_issue_token(actor, user: User, name: str) -> tuple[ApiToken, str]:
    """A new API token for `user`; the raw key is returned once and never stored."""
    if actor.pk is None or actor.pk != user.pk:
        require(actor, "accounts.manage")
    if not name.strip():
        raise ValidationFailed(_("Give the token a name."), fields={"name": [_("This field is required.")]})
    raw = ApiToken.new_raw_key()
    token = ApiToken.objects.create(user=user, name=name.strip(), prefix=raw[3:9], key_hash=hash_key(raw))
    record(actor, "token.issue", token, after={"user": user.pk, "name": token.name, "prefix": token.prefix},
           unit=user.unit)
    return token, raw


@transaction.atomic
def do_revoke_token(actor, token: ApiToken) -> ApiToken:
    if actor.pk is None or actor.pk != token.user_id:
        require(actor, "accounts.manage")
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
        record(actor, "token.revoke", token, after={"revoked": token.revoked}, unit=token.user.unit)
    return token


def user_for_token(raw: str) -> User | None:
    token = (ApiToken.objects.select_related("user__unit")
             .filter(key_hash=hash_key(raw), revoked__isnull=True, user__is_active=True).first())
    if token is None:
        return None
    now = timezone.now()
    if token.last_used is None or (now - token.last_used).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user
