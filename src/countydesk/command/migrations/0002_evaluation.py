import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


# Minutes allowed between consecutive milestones, grades Ⅲ–Ⅳ and Ⅰ–Ⅱ (None: measured without a limit).
# Receipt → first report is the incidents chapter's written-report deadline.
INTERVALS = [
    ("first_report", "activation", 60, 30),
    ("activation", "first_order", 30, 15),
    ("first_order", "first_arrival", 60, 30),
    ("first_arrival", "control", None, None),
    ("control", "close", None, None),
]


def seed(apps, schema_editor):
    rule = apps.get_model("command", "IntervalRule")
    for start, end, minutes, major in INTERVALS:
        rule.objects.get_or_create(start=start, end=end, defaults={"minutes": minutes, "minutes_major": major})


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0003_case_source_eval'),
        ('command', '0001_initial'),
        ('incidents', '0010_report_pending_dash'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Evaluation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('lessons', models.TextField(verbose_name='lessons learned')),
                ('measures', models.JSONField(default=dict, verbose_name='measured intervals and resources')),
                ('made_at', models.DateTimeField(auto_now_add=True, verbose_name='evaluated at')),
                ('case', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='cases.case', verbose_name='case')),
                ('incident', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='evaluation', to='incidents.incident', verbose_name='incident')),
                ('made_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='evaluated by')),
            ],
            options={
                'verbose_name': 'evaluation',
                'verbose_name_plural': 'evaluations',
                'ordering': ['-made_at'],
            },
        ),
        migrations.CreateModel(
            name='IntervalRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start', models.CharField(choices=[('receipt', 'Incident received'), ('first_report', 'First report sent'), ('activation', 'Response activated'), ('first_order', 'First dispatch order'), ('first_arrival', 'First team on scene'), ('control', 'Response terminated (under control)'), ('close', 'Incident closed')], max_length=16, verbose_name='from')),
                ('end', models.CharField(choices=[('receipt', 'Incident received'), ('first_report', 'First report sent'), ('activation', 'Response activated'), ('first_order', 'First dispatch order'), ('first_arrival', 'First team on scene'), ('control', 'Response terminated (under control)'), ('close', 'Incident closed')], max_length=16, verbose_name='to')),
                ('minutes', models.PositiveIntegerField(blank=True, help_text='Empty: measured, without a limit.', null=True, verbose_name='limit in minutes (grades Ⅲ–Ⅳ)')),
                ('minutes_major', models.PositiveIntegerField(blank=True, help_text='Empty: the same as for grades Ⅲ–Ⅳ.', null=True, verbose_name='limit in minutes (grades Ⅰ–Ⅱ)')),
            ],
            options={
                'verbose_name': 'handling interval rule',
                'verbose_name_plural': 'handling interval rules',
                'constraints': [models.UniqueConstraint(fields=('start', 'end'), name='interval_rule_unique')],
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
