from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('periodicals', '0006_recipient_distribution_pdf'),
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
