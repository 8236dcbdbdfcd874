from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0003_keyed_chain_sec'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='audithead',
            options={'verbose_name': 'audit chain head', 'verbose_name_plural': 'audit chain heads'},
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='seq',
            field=models.PositiveBigIntegerField(editable=False, unique=True, verbose_name='number'),
        ),
    ]
