from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("periodicals", "0005_remove_old_outbox"),
    ]

    operations = [
        migrations.AddField(
            model_name="distributionlist",
            name="distribution",
            field=models.CharField(choices=[("report", "报 (higher authorities)"), ("send", "送 (leaders and peers)"),
                                            ("issue", "发 (units below)")],
                                   default="send", max_length=6, verbose_name="listed as"),
        ),
    ]
