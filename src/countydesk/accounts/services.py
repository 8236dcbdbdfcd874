"""Every change to users, roles and API tokens (用户、角色、接口密钥)."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from countydesk.audit.services import record, snapshot
from countydesk.base.errors import ValidationFailed

from .choices import Role
from .models import ApiToken, PasswordHistory, RoleGrant, User, hash_key
from .rules import history_depth, password_lifetime
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
                   is_superuser=False, password_hash: str | None = None, must_change: bool = True) -> User:
    """Create a login. `password_hash` lets the demo generator reuse one hash for many accounts.

    The holder of a password someone else chose changes it at first sign-in (`must_change`); createadmin
    (the operator types their own) and the demo accounts (a published password, kept working) do not."""
    require(actor, "accounts.manage")
    _check_roles(roles)
    if User.objects.filter(username=username).exists():
        raise ValidationFailed(_("That user name is taken."), fields={"username": [_("That user name is taken.")]})
    user = User(username=username, unit=unit, display_name=display_name, person=person,
                is_superuser=is_superuser, is_staff=is_superuser or Role.ADMIN in roles,
                must_change_password=must_change, password_changed_at=timezone.now())
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
def do_change_password(actor, user: User, new_password: str, *, old_password: str | None = None) -> User:
    """A new password for `user`: their own (with the current one), or set by an administrator, after which
    the holder must change it again at next sign-in. The old hash joins the history the validators read."""
    own = actor.pk is not None and actor.pk == user.pk
    if not own:
        require(actor, "accounts.manage")
    elif old_password is None or not user.check_password(old_password):
        message = _("Your current password was entered incorrectly.")
        raise ValidationFailed(message, fields={"old_password": [message]})
    _check_password(new_password, user)
    previous = user.password
    user.set_password(new_password)
    return _password_set(actor, user, previous, own)


@transaction.atomic
def do_record_admin_password_set(actor, user: User, previous: str) -> User:
    """The Django admin's password form (which validated the policy) has set `user`'s password: keep the
    previous hash in the history, make the holder change it at next sign-in, audit it."""
    require(actor, "accounts.manage")
    return _password_set(actor, user, previous, own=actor.pk == user.pk)


def _password_set(actor, user: User, previous: str, own: bool) -> User:
    if previous:
        PasswordHistory.objects.create(user=user, password=previous)
    user.password_changed_at = timezone.now()
    user.must_change_password = not own
    user.save(update_fields=["password", "password_changed_at", "must_change_password"])
    stale = user.password_history.values_list("pk", flat=True)[max(history_depth() - 1, 0):]
    PasswordHistory.objects.filter(pk__in=list(stale)).delete()
    record(actor, "user.change_password", user, after={"must_change_password": user.must_change_password},
           unit=user.unit)
    return user


def password_change_due(user) -> bool:
    """True when the signed-in `user` must choose a new password before anything else (first sign-in, expiry)."""
    if user.must_change_password:
        return True
    lifetime = password_lifetime()
    return bool(lifetime and user.password_changed_at and timezone.now() - user.password_changed_at > lifetime)


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
