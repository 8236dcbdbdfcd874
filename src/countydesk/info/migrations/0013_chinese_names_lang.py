from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('info', '0012_body_limit_place_source_map'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='commissioncounter',
            options={'verbose_name': 'commission number counter', 'verbose_name_plural': 'commission number counters'},
        ),
    ]
