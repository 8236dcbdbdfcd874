from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0003_drowning_type_intake'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='drillscore',
            options={'ordering': ['item'], 'verbose_name': 'drill score', 'verbose_name_plural': 'drill scores'},
        ),
        migrations.AlterModelOptions(
            name='improvementaction',
            options={'ordering': ['due_on', 'id'], 'verbose_name': 'improvement action', 'verbose_name_plural': 'improvement actions'},
        ),
        migrations.AlterModelOptions(
            name='plandocument',
            options={'ordering': ['plan', '-revision'], 'verbose_name': 'plan document', 'verbose_name_plural': 'plan documents'},
        ),
        migrations.AlterModelOptions(
            name='planeventtype',
            options={'ordering': ['code'], 'verbose_name': 'plan event type', 'verbose_name_plural': 'plan event types'},
        ),
        migrations.AlterModelOptions(
            name='planresponse',
            options={'ordering': ['level'], 'verbose_name': 'plan response level', 'verbose_name_plural': 'plan response levels'},
        ),
        migrations.AlterModelOptions(
            name='resourcerequirement',
            options={'ordering': ['level', 'kind', 'name'], 'verbose_name': 'resource requirement', 'verbose_name_plural': 'resource requirements'},
        ),
        migrations.AlterModelOptions(
            name='revisiontrigger',
            options={'ordering': ['-recorded_on'], 'verbose_name': 'revision trigger', 'verbose_name_plural': 'revision triggers'},
        ),
    ]
