# The production image: runtime dependencies only (requirements-prod.lock: no test or lint tools), static
# files collected at build time, and the app runs as an unprivileged user that owns nothing but /app/data.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY requirements-prod.lock ./
RUN pip install --no-cache-dir -r requirements-prod.lock
COPY . .
# Settings need a key and hosts to load with DEBUG off; these two exist only during this build step.
RUN DEBUG=0 SECRET_KEY=build-time-only-not-a-secret ALLOWED_HOSTS=build.invalid CLAIMTRACKER_DATA_DIR=/tmp/build-data python manage.py collectstatic --noinput
RUN useradd --create-home --uid 10001 app && mkdir -p /app/data && chown app /app/data
ENV CLAIMTRACKER_DATA_DIR=/app/data
USER app
EXPOSE 8000 5555
