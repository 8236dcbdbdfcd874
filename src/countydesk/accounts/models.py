"""Users (用户), the roles they hold (角色) and API keys for external systems (接口密钥)."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from countydesk.base.rules import NumberRule

from .choices import Role


class User(AbstractUser):
    """A person who signs in. Scoped to `unit` unless a role is county-wide."""

    unit = models.ForeignKey(
        "orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="users", verbose_name=_("unit")
    )
    person = models.OneToOneField(
        "orgs.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="user", verbose_name=_("person")
    )
    display_name = models.CharField(_("display name"), max_length=50, blank=True)
    # 等保: an account whose password someone else set changes it at first sign-in; passwords expire
    # after the accounts rule `password_expiry_days` (accounts.rules) counted from this time.
    must_change_password = models.BooleanField(_("must change password at next sign-in"), default=True)
    password_changed_at = models.DateTimeField(_("password last changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name or self.username

    @property
    def roles(self) -> frozenset[str]:
        """The user's roles, read once per object."""
        if not hasattr(self, "_roles"):
            self._roles = frozenset(self.role_grants.values_list("role", flat=True)) if self.pk else frozenset()
        return self._roles

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


class RoleGrant(models.Model):
    """One role held by one user (角色授权)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="role_grant_unique")]
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")

    def __str__(self):
        return f"{self.user} · {self.get_role_display()}"


class PasswordHistory(models.Model):
    """A password the user had (its hash only), so the last few cannot be chosen again."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("previous password")
        verbose_name_plural = _("previous passwords")


class AccountRule(NumberRule):
    """Password rules (密码策略): expiry in days, how many previous passwords may not be reused."""

    class Meta(NumberRule.Meta):
        verbose_name = _("account rule")
        verbose_name_plural = _("account rules")


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token acting as `user`; only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_raw_key() -> str:
        return "cd_" + secrets.token_urlsafe(32)
