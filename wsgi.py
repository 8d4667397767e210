"""The WSGI entry point: ``flask --app wsgi ...`` and production servers import ``app`` from here."""

from govapp import create_app

app = create_app()
