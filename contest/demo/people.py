"""Fictional demo entrants: plausible Vietnamese names, unique 09x phone numbers."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi",
            "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Tôn Nữ", "Hà", "Trương"]
MIDDLE = {"nam": ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thanh", "Gia"],
          "nu": ["Thị", "Ngọc", "Thu", "Thanh", "Bảo", "Khánh", "Mai", "Phương"]}
GIVEN = {"nam": ["An", "Bình", "Cường", "Dũng", "Hải", "Hiếu", "Hùng", "Khoa", "Long", "Nam",
                 "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Tuấn", "Vinh"],
         "nu": ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh",
                "Loan", "My", "Nhung", "Oanh", "Phượng", "Quyên", "Thảo", "Trang", "Vy"]}
DEMO_PASSWORD = "thisinh2025"


@dataclass(frozen=True, slots=True)
class DemoEntrant:
    full_name: str
    phone: str
    gender: str
    date_of_birth: date


def demo_entrants(count: int, rng: random.Random, *, taken_phones: set[str],
                  ages: tuple[int, int], today: date) -> list[DemoEntrant]:
    """``count`` distinct fictional people aged within ``ages`` on ``today``."""
    people: list[DemoEntrant] = []
    names: set[str] = set()
    while len(people) < count:
        gender = rng.choice(["nam", "nu"])
        surname = rng.choice(SURNAMES)
        if surname == "Tôn Nữ" and gender == "nam":
            surname = "Tôn Thất"
        name = f"{surname} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
        phone = "09" + "".join(rng.choice("0123456789") for _ in range(8))
        if name in names or phone in taken_phones:
            continue
        age = rng.randint(*ages)
        born = date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))
        names.add(name)
        taken_phones.add(phone)
        people.append(DemoEntrant(name, phone, gender, born))
    return people
