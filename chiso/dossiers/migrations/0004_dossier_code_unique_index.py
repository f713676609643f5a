from django.db import migrations, models


class Migration(migrations.Migration):
    """The dossier code stays unique, through a named index that the bulk import can drop and
    rebuild (see importer._secondary_indexes) instead of an inline UNIQUE constraint."""

    dependencies = [("dossiers", "0003_kpivaluecache")]

    operations = [
        migrations.AlterField(
            model_name="dossier",
            name="code",
            field=models.CharField(max_length=60, verbose_name="Mã hồ sơ"),
        ),
        migrations.RunSQL(
            "CREATE UNIQUE INDEX dossiers_dossier_code_uniq ON dossiers_dossier (code)",
            "DROP INDEX dossiers_dossier_code_uniq",
        ),
    ]
