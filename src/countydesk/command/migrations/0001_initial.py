from django.db import migrations


class Migration(migrations.Migration):
    """The app's first migration; its records come in the migrations after it."""

    initial = True
    dependencies = []
    operations = []
