from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('periodicals', '0005_remove_old_outbox'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='issuecounter',
            options={'verbose_name': 'issue number counter', 'verbose_name_plural': 'issue number counters'},
        ),
        migrations.AlterModelOptions(
            name='issueitem',
            options={'ordering': ['order', 'pk'], 'verbose_name': 'issue item', 'verbose_name_plural': 'issue items'},
        ),
    ]
