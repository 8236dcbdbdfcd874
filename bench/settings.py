"""The product's settings plus one bare view, the baseline every web figure is divided by."""

from countydesk.settings import *  # noqa: F401,F403

ROOT_URLCONF = "bench.urls"
