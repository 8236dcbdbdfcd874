from django.db import migrations, models
import django.db.models.deletion


def create_index(apps, schema_editor):
    from countydesk.search.backends import setup_statements

    for sql in setup_statements(schema_editor.connection.vendor):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    initial = True
    dependencies = [("orgs", "0002_staffing_defaults")]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=40)),
                ("object_id", models.CharField(max_length=64)),
                ("public", models.BooleanField(default=False)),
                ("title", models.CharField(max_length=300)),
                ("body", models.TextField(blank=True)),
                ("tokens", models.TextField(blank=True)),
                ("url", models.CharField(blank=True, max_length=300)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("unit", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                                           related_name="+", to="orgs.unit")),
            ],
            options={"constraints": [models.UniqueConstraint(fields=("kind", "object_id"),
                                                             name="search_document_unique")]},
        ),
        migrations.RunPython(create_index, migrations.RunPython.noop),
    ]
