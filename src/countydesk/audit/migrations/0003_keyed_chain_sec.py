from django.db import migrations, models


class Migration(migrations.Migration):
    """Rows written so far keep their plain SHA-256 hashes (scheme 1): re-keying them would launder any
    edit made before; the first keyed row links to them, so they cannot be rewritten without the key."""

    dependencies = [
        ("audit", "0002_object_label"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="scheme",
            field=models.PositiveSmallIntegerField(default=1, editable=False),
        ),
    ]
