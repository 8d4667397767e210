# govapp as a container: gunicorn with the project's configuration. Build the stylesheet in a Node
# stage, then run on Python 3.11 as an unprivileged user. Settings come from the environment (see the
# README's Configuration); run the outbox worker and the reminders from the same image with another
# command (`flask --app wsgi outbox deliver`, `flask --app wsgi reminders send`).
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY assets assets
COPY scripts/build-assets.mjs scripts/build-assets.mjs
RUN mkdir -p govapp/static && node scripts/build-assets.mjs

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 GOVAPP_ENV=production FLASK_APP=wsgi PORT=8000 BIND_ADDRESS=0.0.0.0
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui postgresql-client \
    && rm -rf /var/lib/apt/lists/* && useradd --create-home --uid 10001 govapp
WORKDIR /srv/govapp
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
COPY --from=assets /build/govapp/static govapp/static
RUN mkdir -p instance && chown -R govapp:govapp instance
USER govapp
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz').status == 200 else 1)"
CMD ["sh", "-c", "flask db upgrade && exec gunicorn -c gunicorn.conf.py wsgi:app"]
