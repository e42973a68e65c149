"""The audit log moves from the strategy app to accounts, with its rows: this takes the model
into accounts' state over the table as it is (strategy_auditevent), and moves its content
type, so the permissions on it, and the groups that hold them, stay as they were.
strategy 0005 drops the model from strategy's state; 0002 here renames the table."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _relabel(apps, old: str, new: str) -> None:
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label=old, model="auditevent").update(app_label=new)


def move_content_type(apps, schema_editor):
    _relabel(apps, "strategy", "accounts")


def move_content_type_back(apps, schema_editor):
    _relabel(apps, "accounts", "strategy")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("strategy", "0004_audit_event_labels"),
    ]

    operations = [
        migrations.RunPython(move_content_type, move_content_type_back),
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
        migrations.CreateModel(
            name='AuditEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('login', 'Log ind'), ('logout', 'Log ud'), ('login_failed', 'Mislykket login'), ('locked_out', 'Spærret efter for mange forsøg'), ('access_denied', 'Adgang nægtet'), ('role_changed', 'Rolle ændret'), ('export', 'Eksport'), ('import', 'Import'), ('report_download', 'Rapport hentet'), ('sign_off', 'Godkendelsestrin'), ('period_changed', 'Halvår oprettet, åbnet, lukket eller ændret')], db_index=True, max_length=30, verbose_name='hændelse')),
                ('username', models.CharField(blank=True, max_length=150, verbose_name='brugernavn')),
                ('ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP-adresse')),
                ('path', models.CharField(blank=True, max_length=500, verbose_name='adresse')),
                ('target', models.CharField(blank=True, max_length=300, verbose_name='genstand')),
                ('details', models.JSONField(blank=True, default=dict, verbose_name='detaljer')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='tidspunkt')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='bruger')),
            ],
            options={
                'verbose_name': 'logpost',
                'verbose_name_plural': 'sikkerheds- og revisionslog',
                'ordering': ['-created_at'],
                'db_table': 'strategy_auditevent',
            },
        ),
            ],
        ),
    ]
