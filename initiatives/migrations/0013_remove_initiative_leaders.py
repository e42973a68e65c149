"""The many-to-many tovholdere are gone: one optional tovholder (`responsible_leader`, filled
by 0012) takes their place."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0012_one_tovholder")]

    operations = [migrations.RemoveField(model_name="initiative", name="leaders")]
