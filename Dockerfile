FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app

# Dependencies first, so that a code change does not reinstall them.
COPY pyproject.toml ./
RUN pip install --no-cache-dir .

COPY . .
RUN useradd --create-home portal \
    && mkdir -p /app/staticfiles /app/var/media \
    && chown -R portal /app/staticfiles /app/var
USER portal

EXPOSE 8000
CMD ["gunicorn", "mra_portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
