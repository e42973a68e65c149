# Production image: Django + gunicorn + Celery, with WeasyPrint's system libraries and fonts.
# An exact patch release: a rebuild gets the same Python, not whatever 3.11 is newest.
FROM python:3.11.14-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libffi8 \
       shared-mime-info fonts-dejavu-core fonts-liberation2 postgresql-client xmlsec1 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
# Every package, transitive ones too, is pinned with hashes; pip refuses a file that differs.
# The lock is installed as it stands (--no-deps: nothing resolved against the index, as `make
# install` does), and `pip check` proves it complete.
RUN pip install --no-deps --require-hashes --only-binary=:all: -r requirements.txt && pip check

COPY . .
RUN useradd --system --uid 1000 --home /app app \
    && mkdir -p /app/media /app/staticfiles \
    && DEBUG=true DATABASE_URL=sqlite:////tmp/build.sqlite3 python manage.py collectstatic --noinput \
    && chown -R app:app /app/media /app/staticfiles
USER app

EXPOSE 8000
CMD ["gunicorn", "socialomraade.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
