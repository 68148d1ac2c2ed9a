"""HTML pages: the demo intranet page, the frameable widget page and the plan."""
from __future__ import annotations

import re

from flask import Blueprint, current_app, render_template, request

from . import plan as plan_module
from . import security, texts

bp = Blueprint("pages", __name__)

# Colours from the query of /widget end up in a data attribute; only plain colour
# notations pass (the widget checks them again with CSS.supports).
_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|(rgb|hsl)a?\([0-9.,%\s/]{5,40}\))$")
WIDGET_OPTIONS = ("kleur-primair", "kleur-primair-tekst", "kleur-accent", "kleur-achtergrond")


@bp.get("/")
def demo():
    security.ensure_session()
    return render_template("demo.html", titel=current_app.config["WIDGET_TITLE"])


@bp.get("/widget")
def widget_page():
    """The widget alone, for an iframe on a page of another origin (see docs/widget.md)."""
    security.ensure_session()
    options = {}
    for name in WIDGET_OPTIONS:
        value = (request.args.get(name) or "").strip()
        if value and _COLOUR.match(value):
            options[name] = value
    title = (request.args.get("titel") or "").strip()[:80] or current_app.config["WIDGET_TITLE"]
    return render_template("widget.html", titel=title, opties=options)


@bp.get("/plan")
def plan():
    try:
        context = plan_module.build_plan(request.args)
    except plan_module.PlanInputError as exc:
        return render_template("fout.html", titel=texts.plan("ongeldig_titel"),
                               uitleg=exc.message, status=400), 400
    return render_template("plan.html", **context)


@bp.get("/health")
def health():
    return {"status": "ok"}
