from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0003_missed_window'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='newsmatch',
            options={'verbose_name': 'news match', 'verbose_name_plural': 'news matches'},
        ),
    ]
