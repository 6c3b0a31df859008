"""Vietnamese order for names: the Python key, SQL on SQLite and PostgreSQL, and the pages."""

from __future__ import annotations

import sqlalchemy as sa

from contest.extensions import db
from contest.sorting import vi_key, vi_order, vi_sorted
from contest.units.models import Unit

# In Vietnamese alphabetical order (a ă â b c d đ e ê ... o ô ơ ... u ư ...; tones after
# letters: none, huyền, hỏi, ngã, sắc, nặng).
ORDERED = ["An Phú", "Ăn Hà", "Ấp Bắc", "Ba Đình", "Bà Rịa", "Bá Thước", "Cai Lậy",
           "Dương Minh Châu", "Đại Thành", "Đống Đa", "Ea Súp", "Ninh Kiều", "Ô Môn",
           "Ông Ích Khiêm", "Ơ Rê", "Phong Điền", "Uông Bí", "Ứng Hoà", "Yên Bái"]


def test_the_key_puts_o_mon_and_dai_thanh_in_their_places():
    shuffled = list(reversed(ORDERED))
    assert vi_sorted(shuffled) == ORDERED
    assert sorted(ORDERED) != ORDERED  # byte order puts "Ô Môn", "Đại Thành" ... last
    assert vi_key("ba") < vi_key("Bà") < vi_key("bả") < vi_key("Bá")


def test_sql_orders_names_the_same_way_on_both_databases(app):
    db.session.add_all(Unit(code=f"U{i:02d}", name=name)
                       for i, name in enumerate(reversed(ORDERED)))
    db.session.commit()
    names = list(db.session.scalars(sa.select(Unit.name).order_by(vi_order(Unit.name))))
    assert names == ORDERED


def test_the_registration_picker_lists_units_in_vietnamese_order(client, make_contest):
    contest = make_contest()
    db.session.add_all(Unit(code=f"U{i:02d}", name=name)
                       for i, name in enumerate(reversed(ORDERED)))
    db.session.commit()
    body = client.get(f"/dang-ky/{contest.invite_token}").get_data(as_text=True)
    positions = [body.index(f">{name}</option>") for name in ORDERED]
    assert positions == sorted(positions)


def test_the_registrations_list_sorts_entrants_by_name(client, auth, make_user, make_contest,
                                                       make_entrant):
    contest = make_contest()
    names = ["Đỗ Văn Hùng", "Ông Thị Mai", "An Văn Bình", "Ơn Thị Lan", "Dương Thị Hoa"]
    for name in names:
        make_entrant(make_user(full_name=name), contest)
    auth.login(make_user(role="organiser"))
    body = client.get(f"/quan-ly/cuoc-thi/{contest.id}/thi-sinh",
                      query_string={"sap-xep": "ten"}).get_data(as_text=True)
    positions = [body.index(name) for name in
                 ["An Văn Bình", "Dương Thị Hoa", "Đỗ Văn Hùng", "Ông Thị Mai", "Ơn Thị Lan"]]
    assert positions == sorted(positions)
