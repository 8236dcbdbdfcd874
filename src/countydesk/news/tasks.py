from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from countydesk.accounts.system import SYSTEM

from .models import NewsFeed
from .services import fetch_feed, rematch_recent


@db_periodic_task(crontab(minute="7"))
def fetch_feeds():
    for feed in NewsFeed.objects.filter(active=True):
        fetch_feed(feed, SYSTEM)


@db_periodic_task(crontab(hour="2", minute="17"))
def rematch():
    rematch_recent()
