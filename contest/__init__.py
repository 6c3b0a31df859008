"""The contest platform: ``flask --app contest ...``."""

from __future__ import annotations

from flask import Flask

from contest.config import ROOT, Config


def create_app(config: dict | None = None) -> Flask:
    """Build the app: wiring only, no side effects."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object(Config())
    if config:
        app.config.update(config)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    import contest.models  # noqa: F401  (registers every table)
    from contest import arrival, i18n, security
    from contest.accounts import auth
    from contest.extensions import csrf, db, login_manager, migrate
    from contest.ratelimit import init_limiter

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    auth.init_login(login_manager, app)
    i18n.init_babel(app)
    security.init_security(app)
    init_limiter(app)
    arrival.init_arrival(app)


def register_blueprints(app: Flask) -> None:
    """One blueprint per feature, ``bp`` in its ``views`` module (the attempts JSON API:
    ``attempts/api.py``); a feature's other route modules attach to that ``bp``."""
    from contest.accounts.views import bp as accounts_bp
    from contest.attempts.api import bp as attempts_api_bp
    from contest.attempts.views import bp as attempts_bp
    from contest.certificates.views import bp as certificates_bp
    from contest.contests.views import bp as contests_bp
    from contest.exports.views import bp as exports_bp
    from contest.judging.views import bp as judging_bp
    from contest.main.views import bp as main_bp
    from contest.practice.views import bp as practice_bp
    from contest.printing.views import bp as printing_bp
    from contest.referrals.views import bp as referrals_bp
    from contest.registration.views import bp as registration_bp
    from contest.reports.views import bp as reports_bp
    from contest.results.views import bp as results_bp
    from contest.units.views import bp as units_bp
    from question_bank.views import bp as question_bank_bp

    for bp in (main_bp, accounts_bp, units_bp, attempts_bp, attempts_api_bp, reports_bp,
               certificates_bp, practice_bp, printing_bp, referrals_bp, question_bank_bp,
               judging_bp, exports_bp, results_bp, contests_bp, registration_bp):
        app.register_blueprint(bp)


def register_errorhandlers(app: Flask) -> None:
    from contest.errors import init_errors

    init_errors(app)


def register_commands(app: Flask) -> None:
    from contest.accounts.cli import users_cli
    from contest.attempts.cli import attempts_cli
    from contest.demo.cli import seed_demo
    from contest.units.cli import units_cli
    from question_bank.cli import bank_cli

    for command in (users_cli, units_cli, seed_demo, attempts_cli):
        app.cli.add_command(command)
    app.cli.add_command(bank_cli)
    from contest.exports.cli import results_cli

    app.cli.add_command(results_cli)
