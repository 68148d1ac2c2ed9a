"""/beheer: insight for maintainers and researchers, behind a login.

Charts are SVG drawn on the server with a table behind each; cells below 5 conversations
read "< 5" (besliswijzer.maintainers.insight); /beheer/export.csv gives the same figures as CSV.
"""
from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for

from besliswijzer.maintainers import inbox
from besliswijzer.maintainers import insight as inzicht
from besliswijzer.storage.db import session_scope
from besliswijzer.errors import DatabaseUnavailableError

from . import beheer_auth, charts, labels, security

PERIODS = {"4": "4 weken", "13": "13 weken (een kwartaal)", "26": "26 weken (een half jaar)",
           "52": "52 weken (een jaar)"}
DEFAULT_PERIOD = "13"


def _period() -> tuple[str, date, date]:
    weeks = request.args.get("periode", DEFAULT_PERIOD)
    if weeks not in PERIODS:
        weeks = DEFAULT_PERIOD
    end = date.today()
    start = inzicht.week_of(end) - timedelta(weeks=int(weeks) - 1)
    return weeks, start, end


def _charts(data: dict) -> list[dict]:
    """One entry per chart: title, the drawing and the rows of its table."""
    weeks = [(w["week"].strftime("%d-%m"), w) for w in data["weken"]]
    found = []

    def add(key, title, drawing, header, rows):
        found.append({"id": key, "titel": title, "tekening": drawing, "kop": header, "rijen": rows})

    add("gesprekken", "Gesprekken per week",
        charts.vertical([(label, w["gesprekken"]) for label, w in weeks]),
        ("Week vanaf", "Gesprekken", "Berichten"),
        [(w["week"].strftime("%d-%m-%Y"), charts.shown(w["gesprekken"]), charts.shown(w["berichten"]))
         for _, w in weeks])
    add("fallback", "Niet begrepen berichten per week (procent van alle berichten)",
        charts.vertical([(label, w["fallback_percentage"]) for label, w in weeks], suffix="%"),
        ("Week vanaf", "Niet begrepen"),
        [(w["week"].strftime("%d-%m-%Y"), charts.shown(w["fallback_percentage"], "%")) for _, w in weeks])
    names = {"intentie": ("Waar vragen mensen om", "Vraag (intentie)"),
             "thema": ("Thema's", "Thema"),
             "doelgroep": ("Doelgroepen in een advies", "Doelgroep"),
             "niveau": ("Treden van de participatieladder in een advies", "Trede"),
             "methode": ("Hoe vaak een werkvorm werd geadviseerd", "Werkvorm")}
    for kind, (title, column) in names.items():
        ranked = data["ranglijsten"][kind][:15]
        items = [(labels.label(r["waarde"]) if kind != "intentie" else labels.intent(r["waarde"]), r["gesprekken"])
                 for r in ranked]
        add(kind, title, charts.horizontal(items), (column, "Gesprekken"),
            [(name, charts.shown(value)) for name, value in items])
    return found


def make_blueprint(limiter) -> Blueprint:
    bp = Blueprint("beheer", __name__, url_prefix="/beheer")
    login_limit = lambda: current_app.config.get("BEHEER_LOGIN_LIMIET") or "5 per minute"  # noqa: E731

    @bp.get("")
    def dashboard():
        if not beheer_auth.logged_in():
            return redirect(url_for("beheer.login"))
        weeks, start, end = _period()
        try:
            with session_scope() as session:
                data = inzicht.overview(session, start, end)
                soorten = inbox.kind_counts(session)
        except DatabaseUnavailableError as exc:
            return render_template("fout.html", titel="Beheer", uitleg=exc.message, status=503), 503
        return render_template("beheer.html", titel="Beheer en inzicht", data=data, grafieken=_charts(data),
                               perioden=PERIODS, periode=weeks, k=inzicht.K, verborgen=inzicht.HIDDEN,
                               inbox_soorten=soorten,
                               sso=beheer_auth.sso_user() is not None)

    @bp.get("/export.csv")
    def export():
        if not beheer_auth.logged_in():
            abort(401)
        weeks, start, end = _period()
        with session_scope() as session:
            text = inzicht.csv_export(session, start, end)
        return Response(text, mimetype="text/csv", headers={
            "Content-Disposition": f'attachment; filename="besliswijzer-inzicht-{start}-{end}.csv"'})

    @bp.get("/login")
    def login():
        if beheer_auth.logged_in():
            return redirect(url_for("beheer.dashboard"))
        return render_template("beheer_login.html", titel="Inloggen voor beheer",
                               mogelijk=beheer_auth.login_possible(), fout=None)

    @bp.post("/login")
    @limiter.limit(login_limit, key_func=security.client_key_address)
    def login_post():
        if security.form_cross_origin_reason():
            abort(403)
        if not beheer_auth.password_ok(request.form.get("wachtwoord", "")):
            return render_template("beheer_login.html", titel="Inloggen voor beheer",
                                   mogelijk=beheer_auth.login_possible(),
                                   fout="Dit wachtwoord klopt niet. Probeer het opnieuw."), 401
        response = redirect(url_for("beheer.dashboard"), code=303)
        beheer_auth.set_session(response)
        return response

    @bp.post("/uitloggen")
    def logout():
        if security.form_cross_origin_reason():
            abort(403)
        response = redirect(url_for("beheer.login"), code=303)
        beheer_auth.end_session(response)
        return response

    return bp
