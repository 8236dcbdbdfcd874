from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('supplies', '0004_gbt38565_levels'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='batchbalance',
            options={'ordering': ['item__code', 'batch__expiry_date', 'batch__batch_no'], 'verbose_name': 'batch balance', 'verbose_name_plural': 'batch balances'},
        ),
        migrations.AlterModelOptions(
            name='censusupload',
            options={'ordering': ['-uploaded_at', '-id'], 'verbose_name': 'census upload', 'verbose_name_plural': 'census uploads'},
        ),
        migrations.AlterModelOptions(
            name='expirywarning',
            options={'ordering': ['-on', 'batch__expiry_date'], 'verbose_name': 'expiry warning', 'verbose_name_plural': 'expiry warnings'},
        ),
        migrations.AlterModelOptions(
            name='stocklevel',
            options={'verbose_name': 'stock level', 'verbose_name_plural': 'stock levels'},
        ),
        migrations.AlterModelOptions(
            name='transferline',
            options={'ordering': ['id'], 'verbose_name': 'transfer line', 'verbose_name_plural': 'transfer lines'},
        ),
    ]
