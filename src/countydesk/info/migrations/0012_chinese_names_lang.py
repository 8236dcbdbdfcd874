from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('info', '0011_zero_year_rule'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='commissioncounter',
            options={'verbose_name': 'commission number counter', 'verbose_name_plural': 'commission number counters'},
        ),
    ]
