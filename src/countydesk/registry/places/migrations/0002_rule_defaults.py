from django.db import migrations

from countydesk.core.records import seed_rules


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]

    operations = [seed_rules("places", "PlaceRule", [
        ("nearest_shelter_count", 5, "公众查询页列出的最近开放避难场所数"),
    ])]
