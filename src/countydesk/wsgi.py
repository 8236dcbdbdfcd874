import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "countydesk.settings")
django_application = get_wsgi_application()

from countydesk.incidents.front import with_intake_front  # noqa: E402  (needs the apps loaded)

application = with_intake_front(django_application)
