"""The audit log's table takes accounts' name: strategy_auditevent -> accounts_auditevent."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("strategy", "0005_audit_event_to_accounts"),
    ]

    operations = [
        migrations.AlterModelTable(name="auditevent", table=None),
    ]
