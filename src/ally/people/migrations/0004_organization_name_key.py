from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_person_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="organization",
            name="name_key",
            field=models.CharField(default="", editable=False, max_length=600),
            preserve_default=False,
        ),
    ]
