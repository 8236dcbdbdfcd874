import json

from django.core.management.base import BaseCommand, CommandError

from countydesk.accounts.models import ApiToken, User
from countydesk.accounts.services import do_issue_token, do_revoke_token
from countydesk.accounts.system import SYSTEM


class Command(BaseCommand):
    help = "API tokens: `token issue USER NAME` prints the key once as JSON; `token revoke PREFIX`; `token list`."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["issue", "revoke", "list"])
        parser.add_argument("words", nargs="*")

    def handle(self, *_, action, words, **options):
        args = words
        if action == "issue":
            if len(args) != 2:
                raise CommandError("usage: token issue USER NAME")
            user = User.objects.filter(username=args[0]).first()
            if user is None:
                raise CommandError(f"no user {args[0]}")
            token, raw = do_issue_token(SYSTEM, user, args[1])
            self.stdout.write(json.dumps({"user": user.username, "name": token.name, "token": raw}))
        elif action == "revoke":
            tokens = ApiToken.objects.filter(prefix__in=args, revoked__isnull=True)
            for token in tokens:
                do_revoke_token(SYSTEM, token)
            self.stdout.write(json.dumps({"revoked": [t.prefix for t in tokens]}))
        else:
            for t in ApiToken.objects.select_related("user").order_by("pk"):
                self.stdout.write(json.dumps({"user": t.user.username, "name": t.name, "prefix": t.prefix,
                                              "revoked": t.revoked.isoformat() if t.revoked else None}))
