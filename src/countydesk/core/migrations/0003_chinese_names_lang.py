from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_outbox'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='event',
            options={'verbose_name': 'live update event', 'verbose_name_plural': 'live update events'},
        ),
        migrations.AlterModelOptions(
            name='outboxattachment',
            options={'verbose_name': 'outbox attachment', 'verbose_name_plural': 'outbox attachments'},
        ),
    ]
