"""Demo units: a city People's Committee with its departments, wards and public-service units."""

from __future__ import annotations

import sqlalchemy as sa

from contest.extensions import db
from contest.units.models import Block, Unit

ROOT_CODE = "HUE"
ROOT_NAME = "UBND thành phố Huế (dữ liệu mẫu)"

BLOCK_AGENCIES = "Khối Sở, ban, ngành"
BLOCK_COMMUNES = "Khối UBND xã, phường"
BLOCK_SERVICE = "Khối đơn vị sự nghiệp"

# (code, name, parent code, block, headcount). Parents come before their children.
DEMO_UNITS: list[tuple[str, str, str | None, str | None, int]] = [
    (ROOT_CODE, ROOT_NAME, None, None, 0),
    ("VPUB", "Văn phòng UBND thành phố", ROOT_CODE, BLOCK_AGENCIES, 85),
    ("SNV", "Sở Nội vụ", ROOT_CODE, BLOCK_AGENCIES, 95),
    ("STP", "Sở Tư pháp", ROOT_CODE, BLOCK_AGENCIES, 48),
    ("STC", "Sở Tài chính", ROOT_CODE, BLOCK_AGENCIES, 120),
    ("SKHCN", "Sở Khoa học và Công nghệ", ROOT_CODE, BLOCK_AGENCIES, 75),
    ("SXD", "Sở Xây dựng", ROOT_CODE, BLOCK_AGENCIES, 110),
    ("SNNMT", "Sở Nông nghiệp và Môi trường", ROOT_CODE, BLOCK_AGENCIES, 150),
    ("SYT", "Sở Y tế", ROOT_CODE, BLOCK_AGENCIES, 70),
    ("SGDDT", "Sở Giáo dục và Đào tạo", ROOT_CODE, BLOCK_AGENCIES, 80),
    ("SVHTT", "Sở Văn hóa và Thể thao", ROOT_CODE, BLOCK_AGENCIES, 65),
    ("SCT", "Sở Công Thương", ROOT_CODE, BLOCK_AGENCIES, 90),
    ("TTR", "Thanh tra thành phố", ROOT_CODE, BLOCK_AGENCIES, 45),
    # A special administrative unit of the city's Office (Nghị định 61/2018/NĐ-CP).
    ("TTPVHCC", "Trung tâm Phục vụ hành chính công thành phố", "VPUB", BLOCK_AGENCIES, 35),
    ("X001", "UBND phường Phú Xuân", ROOT_CODE, BLOCK_COMMUNES, 58),
    ("X002", "UBND phường Kim Long", ROOT_CODE, BLOCK_COMMUNES, 46),
    ("X003", "UBND phường Vỹ Dạ", ROOT_CODE, BLOCK_COMMUNES, 44),
    ("X004", "UBND phường Thuận Hóa", ROOT_CODE, BLOCK_COMMUNES, 60),
    ("X005", "UBND phường An Cựu", ROOT_CODE, BLOCK_COMMUNES, 42),
    ("X006", "UBND phường Thủy Xuân", ROOT_CODE, BLOCK_COMMUNES, 38),
    ("X007", "UBND phường Hương An", ROOT_CODE, BLOCK_COMMUNES, 36),
    ("X008", "UBND phường Thuận An", ROOT_CODE, BLOCK_COMMUNES, 40),
    ("X009", "UBND phường Phong Điền", ROOT_CODE, BLOCK_COMMUNES, 45),
    ("X010", "UBND xã Quảng Điền", ROOT_CODE, BLOCK_COMMUNES, 34),
    ("X011", "UBND xã Phú Vang", ROOT_CODE, BLOCK_COMMUNES, 37),
    ("X012", "UBND xã Phú Vinh", ROOT_CODE, BLOCK_COMMUNES, 30),
    ("SN-TGPL", "Trung tâm Trợ giúp pháp lý nhà nước", "STP", BLOCK_SERVICE, 25),
    ("SN-GSDH", "Trung tâm Giám sát, điều hành đô thị thông minh", "SKHCN", BLOCK_SERVICE, 32),
    ("SN-CDC", "Trung tâm Kiểm soát bệnh tật thành phố", "SYT", BLOCK_SERVICE, 95),
    ("SN-BVYHCT", "Bệnh viện Y học cổ truyền thành phố", "SYT", BLOCK_SERVICE, 120),
    ("SN-QH", "Trường THPT Quốc Học", "SGDDT", BLOCK_SERVICE, 110),
    ("SN-HBT", "Trường THPT Hai Bà Trưng", "SGDDT", BLOCK_SERVICE, 100),
]


def _block(name: str, cache: dict[str, Block]) -> Block:
    if name not in cache:
        block = db.session.scalar(sa.select(Block).where(Block.name == name))
        if block is None:
            block = Block(name=name)
            db.session.add(block)
        cache[name] = block
    return cache[name]


def seed_units() -> int:
    """Create the demo units (by code) that are missing; return how many were created."""
    existing = {u.code: u for u in db.session.scalars(
        sa.select(Unit).where(Unit.code.in_([row[0] for row in DEMO_UNITS]))
    )}
    blocks: dict[str, Block] = {}
    created = 0
    for code, name, parent_code, block_name, headcount in DEMO_UNITS:
        if code in existing:
            continue
        unit = Unit(
            code=code, name=name, headcount=headcount,
            parent=existing.get(parent_code) if parent_code else None,
            block=_block(block_name, blocks) if block_name else None,
        )
        db.session.add(unit)
        existing[code] = unit
        created += 1
    db.session.flush()
    return created


def demo_units() -> list[Unit]:
    """The demo units entrants may belong to (every unit but the root), ordered by code."""
    codes = [row[0] for row in DEMO_UNITS if row[0] != ROOT_CODE]
    return list(db.session.scalars(sa.select(Unit).where(Unit.code.in_(codes)).order_by(Unit.code)))
