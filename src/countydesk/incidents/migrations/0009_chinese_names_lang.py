from django.db import migrations, models

# The rule notes the earlier migrations seeded in English, in Chinese (a note an administrator edited stays).
NOTES = {
    "urgent_grade": ("grade Ⅱ and above are urgent on the duty desk", "Ⅱ级及以上事件在值班台上标为紧急"),
    "daily_report_grade": ("open incidents of grade Ⅲ and above owe a daily report", "Ⅲ级及以上未结事件每日续报"),
    "intake_past_days": ("an intake's times may lie at most this many days before now", "接报时间最多早于当前多少天"),
    "intake_future_minutes": ("an intake's times may lie at most this many minutes after now (clock skew)",
                              "接报时间最多晚于当前多少分钟（允许时钟误差）"),
    "missing_counts_as_deaths": ("1: the missing count with the dead when grading (死亡（含失踪）); 0: they do not",
                                 "1：定级时失踪人数计入死亡（死亡（含失踪））；0：不计入"),
    "alarm_casualties": ("an intake whose incident has this many dead, trapped or missing raises the desk alarm",
                         "事件死亡、被困或失踪人数达到此数时，值班台报警"),
}


def chinese_notes(apps, schema_editor):
    rule = apps.get_model("incidents", "IncidentRule")
    for key, (english, chinese) in NOTES.items():
        rule.objects.filter(key=key, note=english).update(note=chinese)


class Migration(migrations.Migration):

    dependencies = [
        ("incidents", "0008_figures_and_type_basis_intake"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='deadline',
            options={'ordering': ['due_at'], 'verbose_name': 'reporting deadline', 'verbose_name_plural': 'reporting deadlines'},
        ),
        migrations.AlterModelOptions(
            name='formthrottle',
            options={'verbose_name': 'citizen form counter', 'verbose_name_plural': 'citizen form counters'},
        ),
        migrations.AlterModelOptions(
            name='gradechange',
            options={'ordering': ['at', 'id'], 'verbose_name': 'grade change', 'verbose_name_plural': 'grade changes'},
        ),
        migrations.AlterModelOptions(
            name='notification',
            options={'ordering': ['-created'], 'verbose_name': 'leader notification', 'verbose_name_plural': 'leader notifications'},
        ),
        migrations.AlterModelOptions(
            name='report',
            options={'ordering': ['incident', 'created'], 'verbose_name': 'incident report', 'verbose_name_plural': 'incident reports'},
        ),
        migrations.AlterModelOptions(
            name='timelineentry',
            options={'ordering': ['at', 'id'], 'verbose_name': 'timeline entry', 'verbose_name_plural': 'timeline entries'},
        ),
        migrations.AlterField(
            model_name='intakeclient',
            name='created',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='intakeclient',
            name='rotated',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='key rotated at'),
        ),
        migrations.RunPython(chinese_notes, migrations.RunPython.noop),
    ]
