"""HTML pages: the demo intranet page, the frameable widget page and the plan."""
from __future__ import annotations

import logging
import re

from flask import Blueprint, Response, abort, current_app, render_template, request

from besliswijzer.errors import BesliswijzerError
from besliswijzer.plan.content import split_fill_ins
from besliswijzer.plan.docx import MEDIA_TYPE as DOCX_TYPE, docx_bytes
from besliswijzer.plan.odt import MEDIA_TYPE as ODT_TYPE, odt_bytes

from . import plan as plan_module
from . import security, texts

bp = Blueprint("pages", __name__)
log = logging.getLogger(__name__)
# soort -> (renderer, media type, setting with the installation's template)
DOCUMENTS = {"docx": (docx_bytes, DOCX_TYPE, "PLAN_DOCX_SJABLOON"),
             "odt": (odt_bytes, ODT_TYPE, "PLAN_ODT_SJABLOON")}

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
        built = plan_module.build_plan(request.args)
    except plan_module.PlanInputError as exc:
        return _bad_link(exc)
    return render_template("plan.html", plan=built, query=plan_module.plan_query(built.profiel),
                           delen=split_fill_ins)


@bp.get("/plan/download.<soort>")
def plan_download(soort):
    """The same plan as an editable document; the link carries the same profile as /plan."""
    if soort not in DOCUMENTS:
        abort(404)
    try:
        built = plan_module.build_plan(request.args)
    except plan_module.PlanInputError as exc:
        return _bad_link(exc)
    render, media_type, setting = DOCUMENTS[soort]
    try:
        data = render(built, current_app.config.get(setting) or None)
    except BesliswijzerError:
        # A missing or broken template of this installation: the maintainers must act, the user can print.
        log.error("plan document failed: %s template unusable", soort)
        return render_template("fout.html", titel=texts.plan("document_titel"), uitleg=texts.plan("document_uitleg"),
                               status=500), 500
    response = Response(data, mimetype=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{plan_module.file_name(built, soort)}"'
    return response


def _bad_link(exc):
    return render_template("fout.html", titel=texts.plan("ongeldig_titel"), uitleg=exc.message, status=400), 400


@bp.get("/health")
def health():
    return {"status": "ok"}
