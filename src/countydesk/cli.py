"""The `countydesk` command: Django's management commands under the product's name.

countydesk serve | worker | migrate | demo [--seed N] | createadmin | audit verify | <any Django command>
"""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "countydesk.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "countydesk"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
