from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_merge_duplicates"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="organization",
            constraint=models.UniqueConstraint(fields=("workspace", "name_key"), name="organization_unique_name"),
        ),
        migrations.AddConstraint(
            model_name="personemail",
            constraint=models.UniqueConstraint(fields=("workspace", "address"), name="personemail_unique_address"),
        ),
    ]
