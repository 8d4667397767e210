"""How govapp is served in production: ``gunicorn -c gunicorn.conf.py wsgi:app``.

Settings come from the environment, with defaults for one small server:

- ``PORT`` (8000) and ``BIND_ADDRESS`` (127.0.0.1: a reverse proxy such as nginx serves HTTPS in
  front; set ``TRUSTED_PROXIES`` for it);
- ``WEB_CONCURRENCY``: worker processes (default: 2 per CPU, at least 2, at most 8). With more than
  one worker, set ``REDIS_URL`` so the workers share sign-in throttling;
- ``GUNICORN_THREADS`` (4): threads per worker, for requests that wait on the database or the mail
  server.

The outbox worker (``flask --app wsgi outbox deliver``) and the daily reminders
(``flask --app wsgi reminders send``) run as their own processes; see ``deploy/``.
"""

import multiprocessing
import os

bind = f"{os.environ.get('BIND_ADDRESS', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", min(8, max(2, 2 * multiprocessing.cpu_count()))))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = 60
graceful_timeout = 30
keepalive = 5
# The app is loaded once, before the workers are forked: a worker starts (or is replaced) in
# milliseconds, sharing the loaded code. Nothing connects to the database or Redis while loading.
preload_app = True
max_requests = 20000  # a worker is replaced now and then, so memory never creeps
max_requests_jitter = 2000
accesslog = "-"
errorlog = "-"
# The access log never records query strings (calendar feed secrets travel in paths, not queries,
# and the path of a feed is masked by the app's own logging).
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
