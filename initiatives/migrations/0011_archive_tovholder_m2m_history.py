"""The plan's own pages, continued (issue 15): an initiative is archived with a reason
(`archived_at`, `archive_reason`), it has one optional tovholder (`responsible_leader`, filled
from the tovholdere in 0012 before they go in 0013), and its history keeps its målsætninger and
participating units with every record (simple-history's m2m_fields; earlier records are
filled in by 0012)."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0010_initiative_version'),
        ('strategy', '0004_audit_event_labels'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalinitiative',
            name='archive_reason',
            field=models.CharField(blank=True, help_text='Skriv ikke personoplysninger om borgere.', max_length=500, verbose_name='begrundelse'),
        ),
        migrations.AddField(
            model_name='historicalinitiative',
            name='archived_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='arkiveret'),
        ),
        migrations.AddField(
            model_name='historicalinitiative',
            name='responsible_leader',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='Valgfri: en navngiven leder, som også opdaterer tiltagets status.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='tovholder'),
        ),
        migrations.AddField(
            model_name='initiative',
            name='archive_reason',
            field=models.CharField(blank=True, help_text='Skriv ikke personoplysninger om borgere.', max_length=500, verbose_name='begrundelse'),
        ),
        migrations.AddField(
            model_name='initiative',
            name='archived_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='arkiveret'),
        ),
        migrations.AddField(
            model_name='initiative',
            name='responsible_leader',
            field=models.ForeignKey(blank=True, help_text='Valgfri: en navngiven leder, som også opdaterer tiltagets status.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='responsible_initiatives', to=settings.AUTH_USER_MODEL, verbose_name='tovholder'),
        ),
        migrations.CreateModel(
            name='HistoricalInitiative_objectives',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='initiatives.historicalinitiative')),
                ('initiative', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='initiatives.initiative')),
                ('objective', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='strategy.objective')),
            ],
            options={
                'verbose_name': 'HistoricalInitiative_objectives',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalInitiative_units',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='initiatives.historicalinitiative')),
                ('initiative', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='initiatives.initiative')),
                ('unit', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='strategy.unit')),
            ],
            options={
                'verbose_name': 'HistoricalInitiative_units',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
