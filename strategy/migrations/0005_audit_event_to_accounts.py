"""The audit log now belongs to accounts (accounts 0001): drop it from strategy's state only;
the table and its rows stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('strategy', '0004_audit_event_labels'),
        ('accounts', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name='AuditEvent')],
        ),
    ]
