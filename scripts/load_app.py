"""The app as ``scripts/load.py`` serves it: govapp itself, plus one bare page for reference.

The bare page renders the same base template as every page (header, navigation for a signed-in
person, footer) and nothing else, so the load benchmark can say what each real page costs beyond the
frame every page pays for. It exists only in this benchmark's app, never in ``wsgi``.
"""

from flask import render_template_string

from govapp import create_app

app = create_app()

BARE = """{% extends "base.html" %}
{% block title %}Bare page{% endblock %}
{% block content %}<h1 class="govuk-heading-l">Bare page</h1>{% endblock %}"""


@app.get("/_bench/bare")
def bare() -> str:
    return render_template_string(BARE)
