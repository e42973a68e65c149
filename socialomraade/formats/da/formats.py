"""Danish formats for the whole project (FORMAT_MODULE_PATH): "16. januar 2024",
"16. januar 2024 kl. 14.05". Templates use `|date` and `|date:"DATETIME_FORMAT"`, Python
`django.utils.formats.date_format(value)`; no literal format strings elsewhere. Numbers are
formatted by core.formatting, not by Django's localisation (which cuts decimals)."""

DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = r"j. F Y \k\l. H.i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = r"d.m.Y \k\l. H.i"
TIME_FORMAT = "H.i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
