"""The accounts rule table (密码策略, GB/T 22239-2019 level 3): read by one function each."""

from datetime import timedelta

from countydesk.base.rules import rule_value

from .models import AccountRule

EXPIRY_DAYS = "password_expiry_days"
HISTORY = "password_history"
DEFAULTS = [
    (EXPIRY_DAYS, 90, "days a password is valid before its holder must change it (0: never expires)"),
    (HISTORY, 5, "how many of the latest passwords (the current one included) may not be chosen again"),
]


def password_lifetime() -> timedelta | None:
    days = rule_value(AccountRule, EXPIRY_DAYS)
    return timedelta(days=days) if days else None


def history_depth() -> int:
    return rule_value(AccountRule, HISTORY)
