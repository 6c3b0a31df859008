"""Papers drawn before a round opens (đề chuẩn bị sẵn), claimed by the entrants who start.

At a synchronised opening thousands of entrants press "Bắt đầu" in the same minute, and drawing
a paper (reading the candidates and their options, choosing, shuffling, copying, rendering) is
most of a start's work. Organisers can draw the papers ahead (``flask attempts prepare ROUND`` or
the round page's button): each is drawn exactly as at a start, one per waiting entrant. A start
then claims one with ``DELETE ... RETURNING`` (``SKIP LOCKED`` on PostgreSQL, so parallel
starts never wait for each other; there the claim, the attempt and the copy of its items are
one statement) and draws as before when none is left. A paper is used once.

A prepared paper must be what a start would draw now, so papers are discarded whenever that
could differ: a question created, edited, retired, deleted or imported (ORM flushes, and
question_bank's ``questions_changed`` signal for the importer's bulk writes), a group's banks
changed, or a round's draw settings changed.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import InstanceState, Session

from contest.attempts.models import Attempt, AttemptItem, AttemptStatus, PreparedPaper
from contest.attempts.paper import (
    draw_papers,
    insert_attempt,
    persistent_attempt,
    questions_json,
)
from contest.contests.models import EntrantGroup, Registration, Round
from contest.extensions import db
from question_bank.models import Question, QuestionOption
from question_bank.signals import questions_changed

PAPER = PreparedPaper.__table__
BATCH = 500
DRAW_SETTINGS = ("recipe", "question_count", "group_recipes", "shuffle_questions",
                 "shuffle_options")


def _oldest_paper() -> sa.ScalarSelect:
    return (
        sa.select(PAPER.c.id)
        .where(PAPER.c.round_id == sa.bindparam("round_id"),
               PAPER.c.group_id == sa.bindparam("group_id"))
        .order_by(PAPER.c.id).limit(1)
        .with_for_update(skip_locked=True)  # parallel starts take different papers
        .scalar_subquery()
    )


CLAIM = (sa.delete(PAPER).where(PAPER.c.id == _oldest_paper())
         .returning(PAPER.c["items"], PAPER.c.questions, PAPER.c.max_score))
ITEM_COLUMNS = ("position", "question_id", "area_id", "difficulty", "weight", "text", "options",
                "correct", "option_count", "multiple", "explanation")
ATTEMPT_VALUES = ("public_id", "round_id", "registration_id", "number", "status", "started_at",
                  "deadline", "client_ip", "device_id", "tab_switches")


def _start_statement() -> sa.Select:
    """PostgreSQL: claim a paper, insert the attempt and copy the paper's items into it, in
    one statement (data-modifying CTEs); no row comes back when the pool is empty."""
    attempt, item = Attempt.__table__, AttemptItem.__table__
    paper = CLAIM.cte("paper")
    values = [sa.bindparam(name, type_=attempt.c[name].type) for name in ATTEMPT_VALUES]
    new = (
        sa.insert(attempt)
        .from_select([*ATTEMPT_VALUES, "max_score"],
                     sa.select(*values, paper.c.max_score), include_defaults=False)
        .returning(*attempt.c)
        .cte("new_attempt")
    )
    rows = sa.func.json_to_recordset(paper.c["items"]).table_valued(
        *(sa.column(name, item.c[name].type) for name in ITEM_COLUMNS)
    ).render_derived(name="paper_item", with_types=True)
    copy = (
        sa.insert(item)
        .from_select(["attempt_id", *ITEM_COLUMNS],
                     sa.select(new.c.id, *(rows.c[name] for name in ITEM_COLUMNS))
                     .select_from(new).join(paper, sa.true()).join(rows, sa.true()),
                     include_defaults=False)
        .cte("copied")
    )
    return (sa.select(*new.c, paper.c.questions).select_from(new).join(paper, sa.true())
            .add_cte(copy))


START = _start_statement()


def start_with_prepared(values: dict[str, Any], group_id: int
                        ) -> tuple[Attempt, str] | None:
    """Start the attempt ``values`` describe with a prepared paper of the group: (attempt,
    its questions as JSON text), or None when the pool is empty (nothing written then).

    Raises IntegrityError, like paper.insert_attempt, when a parallel start took the number.
    """
    params = {"status": AttemptStatus.OPEN.value, "device_id": "", "tab_switches": 0, **values,
              "group_id": group_id}
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        row = connection.execute(START, params).one_or_none()
        return None if row is None else (persistent_attempt(row), row.questions)
    claimed = connection.execute(CLAIM, params).one_or_none()
    if claimed is None:
        return None
    attempt = insert_attempt({**values, "max_score": claimed.max_score}, claimed.items)
    return attempt, claimed.questions


def pool_sizes(round_id: int) -> dict[int, int]:
    """Prepared papers waiting in the round, by entrant group id."""
    rows = db.session.execute(
        sa.select(PAPER.c.group_id, sa.func.count()).where(PAPER.c.round_id == round_id)
        .group_by(PAPER.c.group_id))
    return {key: count for key, count in rows}


def waiting_entrants(round_: Round) -> dict[int, int]:
    """Entrants in good standing without an attempt in the round yet, by group id."""
    started = sa.exists().where(Attempt.round_id == round_.id,
                                Attempt.registration_id == Registration.id)
    rows = db.session.execute(
        sa.select(Registration.group_id, sa.func.count())
        .where(Registration.contest_id == round_.contest_id,
               Registration.disqualified.is_(False), ~started)
        .group_by(Registration.group_id))
    return {key: count for key, count in rows}


def prepare_papers(round_: Round, count: int | None = None,
                   rng: random.Random | None = None) -> dict[EntrantGroup, int]:
    """Draw papers ahead for every entrant group of the round's contest; flushes.

    ``count`` papers per group, or by default as many as the group has waiting entrants
    beyond the papers already prepared. Returns how many were drawn per group; raises
    question_bank.drawing.DrawError (nothing written) when a group's banks cannot fill the
    round's recipe.
    """
    waiting, ready = waiting_entrants(round_), pool_sizes(round_.id)
    plan = {group: count if count is not None else max(0, waiting.get(group.id, 0)
                                                       - ready.get(group.id, 0))
            for group in round_.contest.groups}
    drawn = {group: draw_papers(group.id, round_, n, rng) for group, n in plan.items() if n}
    rows = [{"round_id": round_.id, "group_id": group.id, "items": items,
             "questions": questions_json(items),
             "max_score": float(sum(item["weight"] for item in items))}
            for group, papers in drawn.items() for items in papers]
    for start in range(0, len(rows), BATCH):
        db.session.execute(sa.insert(PreparedPaper), rows[start:start + BATCH])
    return {group: len(papers) for group, papers in drawn.items()}


def discard_papers(*, round_ids: Iterable[int] | None = None,
                   group_ids: Iterable[int] | None = None, session: Any = None) -> int:
    """Delete prepared papers (of these rounds or groups, or all of them); their number."""
    statement = sa.delete(PAPER)
    if round_ids is not None:
        statement = statement.where(PAPER.c.round_id.in_(list(round_ids)))
    if group_ids is not None:
        statement = statement.where(PAPER.c.group_id.in_(list(group_ids)))
    return (session or db.session).connection().execute(statement).rowcount


def _draw_settings_changed(round_: Round) -> bool:
    state: InstanceState[Round] = sa.inspect(round_)
    return any(state.attrs[name].history.has_changes() for name in DRAW_SETTINGS)


@sa.event.listens_for(Session, "after_flush")
def _discard_stale(session: Session, _context) -> None:
    """Discard the papers a flushed change could make different from a fresh draw."""
    changed = [*session.new, *session.dirty, *session.deleted]
    if not changed:
        return
    if any(isinstance(obj, Question | QuestionOption) for obj in changed):
        discard_papers(session=session)
        return
    rounds = [obj.id for obj in session.dirty
              if isinstance(obj, Round) and _draw_settings_changed(obj)]
    groups = [obj.id for obj in session.dirty if isinstance(obj, EntrantGroup)
              and sa.inspect(obj).attrs.banks.history.has_changes()]
    if rounds:
        discard_papers(round_ids=rounds, session=session)
    if groups:
        discard_papers(group_ids=groups, session=session)


@questions_changed.connect
def _discard_after_import(_sender, **_extra) -> None:
    discard_papers()


def prepared_summary(round_: Round) -> list[dict]:
    """Per entrant group: entrants who have not started yet and papers prepared for them."""
    waiting, ready = waiting_entrants(round_), pool_sizes(round_.id)
    return [{"group": group.name, "waiting": waiting.get(group.id, 0),
             "ready": ready.get(group.id, 0)} for group in round_.contest.groups]
