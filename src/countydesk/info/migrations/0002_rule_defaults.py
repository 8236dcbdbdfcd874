from django.db import migrations

RULES = {"submit_hours": 24, "fast_lane_hours": 4, "commission_days": 20, "reminder_days": 3, "followup_days": 3,
         "max_upload_mb": 20}
FILE_TYPES = {"doc": "Word", "docx": "Word", "wps": "WPS", "pdf": "PDF", "txt": "文本", "xls": "Excel",
              "xlsx": "Excel", "jpg": "JPEG", "jpeg": "JPEG", "png": "PNG"}


def add_defaults(apps, schema_editor):
    for key, value in RULES.items():
        apps.get_model("info", "InfoRule").objects.get_or_create(key=key, defaults={"value": value})
    for extension, label in FILE_TYPES.items():
        apps.get_model("info", "AllowedFileType").objects.get_or_create(extension=extension, defaults={"label": label})


class Migration(migrations.Migration):
    dependencies = [("info", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
