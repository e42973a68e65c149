"""An issued report (rendered, or beyond the draft stage) is final: it cannot be deleted, its
frozen content cannot change and its stage only moves forward; its sign-offs and comments
cannot be changed or deleted. Row guards (core.row_guards) enforce it by any path; a report
with sign-offs is protected from deletion by the foreign key as well."""

import django.db.models.deletion
from django.db import migrations, models

from core.row_guards import RowGuard, changed, install_guards, remove_guards

REPORT_MESSAGE = "En udsendt rapport kan ikke ændres eller slettes."
PART_MESSAGE = "Godkendelser og kommentarer på en udsendt rapport kan ikke ændres eller slettes."
ISSUED = "(OLD.status = 'done' OR OLD.stage <> 'draft')"
STAGE_RANK = (
    "(CASE {row}.stage WHEN 'draft' THEN 0 WHEN 'leaders_reviewed' THEN 1"
    " WHEN 'omu_approved' THEN 2 ELSE 3 END)"
)
# The frozen content of a rendered report; the stage moves on through the sign-off.
CONTENT = [
    "period_id",
    "audience",
    "version",
    "status",
    "file",
    "sha256",
    "page_count",
    "snapshot",
    "finished_at",
]


def _report_issued(report_id: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM reports_report r"
        f" WHERE r.id = {report_id} AND (r.status = 'done' OR r.stage <> 'draft'))"
    )


GUARDS = [
    RowGuard("report_issued_no_delete", "reports_report", "DELETE", ISSUED, REPORT_MESSAGE),
    RowGuard(
        "report_issued_no_update",
        "reports_report",
        "UPDATE",
        f"(OLD.status = 'done' AND {changed(CONTENT)})"
        f" OR {STAGE_RANK.replace('{row}', 'NEW')} < {STAGE_RANK.replace('{row}', 'OLD')}",
        REPORT_MESSAGE,
    ),
    # Sign-offs exist only on rendered reports and are never changed.
    RowGuard("signoff_no_update", "reports_signoff", "UPDATE", "1 = 1", PART_MESSAGE),
    RowGuard("signoff_no_delete", "reports_signoff", "DELETE", "1 = 1", PART_MESSAGE),
    RowGuard(
        "reportcomment_issued_no_update",
        "reports_reportcomment",
        "UPDATE",
        _report_issued("OLD.report_id"),
        PART_MESSAGE,
    ),
    RowGuard(
        "reportcomment_issued_no_delete",
        "reports_reportcomment",
        "DELETE",
        _report_issued("OLD.report_id"),
        PART_MESSAGE,
    ),
]


def forwards(apps, schema_editor):
    install_guards(schema_editor, GUARDS)


def backwards(apps, schema_editor):
    remove_guards(schema_editor, GUARDS)



class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name='signoff',
            name='report',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='sign_offs', to='reports.report', verbose_name='rapport'),
        ),
    ]
