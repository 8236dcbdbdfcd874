from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='searchdocument',
            options={'verbose_name': 'search document', 'verbose_name_plural': 'search documents'},
        ),
    ]
