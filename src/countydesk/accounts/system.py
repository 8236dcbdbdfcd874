"""The actor for changes the platform makes itself (demo generation, scheduled tasks, the CLI)."""


class SystemActor:
    pk = None
    id = None
    username = "system"
    display_name = "system"
    unit = None
    unit_id = None
    is_authenticated = True
    is_active = True
    is_superuser = True
    is_staff = True
    roles = frozenset()

    def has_role(self, *roles):
        return False

    def __str__(self):
        return "system"


SYSTEM = SystemActor()
